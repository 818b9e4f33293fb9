using Microsoft.Extensions.Primitives;

namespace Fajma.Server.Fhir;

/// <summary>An Observation search's <c>_sort</c>: by effective time (<c>date</c>) or by when received (<c>_lastUpdated</c>), <c>-</c> for newest first.</summary>
public sealed record FhirSort(bool ByReceived, bool Descending)
{
    public static readonly string[] Values = ["date", "-date", "_lastUpdated", "-_lastUpdated"];

    public static FhirParameterError? TryParse(StringValues values, out FhirSort? sort)
    {
        sort = null;
        if (values.Count != 1 || !Values.Contains(values[0]))
            return new FhirParameterError("_sort", $"'{values}' is not a sort served here: one of {string.Join(", ", Values)}");
        var value = values[0]!;
        sort = new FhirSort(value.EndsWith("_lastUpdated", StringComparison.Ordinal), value.StartsWith('-'));
        return null;
    }
}
