using System.Globalization;
using Fajma.Core.Fhir;
using Microsoft.Extensions.Primitives;

namespace Fajma.Server.Fhir;

/// <summary>
/// A search as asked: which ids, patients, codes (as Fajma wire names), date and _lastUpdated ranges (AND-ed), and the
/// page (<c>_count</c>, and <c>_offset</c> from our own next links). Null lists mean "not asked".
/// </summary>
public sealed record FhirQuery(string Type)
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;

    public IReadOnlyList<string>? Ids { get; init; }

    public IReadOnlyList<int>? PatientIds { get; init; }

    public IReadOnlyList<string>? Codes { get; init; }

    public IReadOnlyList<FhirDateSearch> Dates { get; init; } = [];

    public IReadOnlyList<FhirDateSearch> LastUpdated { get; init; } = [];

    public int Count { get; init; } = DefaultCount;

    public int Offset { get; init; }

    /// <summary><c>_sort</c> (Observation): by effective time or by when received, newest first when descending; null is by id.</summary>
    public FhirSort? Sort { get; init; }

    /// <summary><c>_summary=count</c>: the total only, no entries.</summary>
    public bool CountOnly { get; init; }

    /// <summary>Parameters not served here, ignored as FHIR's lenient handling allows: each is a warning in the answer.</summary>
    public IReadOnlyList<FhirParameterError> Ignored { get; init; } = [];

    /// <summary>The parameters common to every type (beside the type's own ones, <see cref="FhirResourceTypes"/>).</summary>
    public static readonly string[] Common = ["_id", "_count", "_offset", "_lastUpdated", "_summary", "_format"];

    /// <summary>What <c>$everything</c> takes: its page, and what changed since.</summary>
    public static readonly string[] Everything = ["_count", "_offset", "_lastUpdated", "_format"];

    /// <summary>
    /// Reads a search's query string; the first wrong parameter is named in the error. An unknown parameter (or an unsupported
    /// <c>_summary</c>) is ignored with a warning, or refused when the client asked <c>Prefer: handling=strict</c>.
    /// </summary>
    public static FhirParameterError? TryParse(string type, IQueryCollection query, IReadOnlyCollection<string> allowed, bool strict, out FhirQuery parsed,
        IReadOnlyCollection<string>? common = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(allowed);
        common ??= Common;
        var q = new FhirQuery(type);
        parsed = q;
        var ignored = new List<FhirParameterError>();
        foreach (var (name, values) in query)
        {
            if (!common.Contains(name) && !allowed.Contains(name))
            {
                var unknown = new FhirParameterError(name, $"is not a search parameter of {type} here; supported: {string.Join(", ", common.Where(c => c != "_format").Concat(allowed))}", Unknown: true);
                if (strict) return unknown;
                ignored.Add(unknown);
                continue;
            }
            FhirParameterError? error = null;
            switch (name)
            {
                case "_id":
                    q = q with { Ids = [.. Split(values)] };
                    break;
                case "_count":
                    error = Number(name, values, 1, MaxCount, out var count);
                    q = q with { Count = count };
                    break;
                case "_offset":
                    error = Number(name, values, 0, int.MaxValue, out var offset);
                    q = q with { Offset = offset };
                    break;
                case "_lastUpdated":
                    error = ParseDates(name, values, out var lastUpdated);
                    q = q with { LastUpdated = lastUpdated };
                    break;
                case "date":
                    error = ParseDates(name, values, out var dates);
                    q = q with { Dates = dates };
                    break;
                case "patient" or "subject":
                    error = Patients(name, values, out var patients);
                    q = q with { PatientIds = q.PatientIds is { } earlier ? [.. earlier.Intersect(patients)] : patients };
                    break;
                case "code":
                    error = ParseCodes(values, out var codes);
                    q = q with { Codes = codes };
                    break;
                case "_sort":
                    error = FhirSort.TryParse(values, out var sort);
                    q = q with { Sort = sort };
                    break;
                case "_summary" when values is ["count"]:
                    q = q with { CountOnly = true };
                    break;
                case "_summary" when values is ["false"]:
                    break;
                case "_summary":
                    var summary = new FhirParameterError(name, $"'{values}' is not served here: only count (or false)", Unknown: true);
                    if (strict) return summary;
                    ignored.Add(summary);
                    break;
                default:
                    break; // _format: the answer is JSON whatever is asked
            }
            if (error is not null) return error;
        }
        parsed = q with { Ignored = ignored };
        return null;
    }

    private static IEnumerable<string> Split(StringValues values) => values.SelectMany(v => (v ?? "").Split(','));

    private static FhirParameterError? Number(string name, StringValues values, int min, int max, out int n)
    {
        n = 0;
        if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < min || n > max)
            return new FhirParameterError(name, $"must be one whole number from {min} to {max}");
        return null;
    }

    private static FhirParameterError? ParseDates(string name, StringValues values, out List<FhirDateSearch> dates)
    {
        dates = [];
        foreach (var value in values)
        {
            if (value is null || value.Contains(',', StringComparison.Ordinal) || !FhirDateSearch.TryParse(value, out var date))
                return new FhirParameterError(name, $"'{value}' is not a date search value: [eq|ge|gt|le|lt]YYYY[-MM[-DD[Thh:mm[:ss[.fff]]Z|±hh:mm]]]");
            dates.Add(date);
        }
        return null;
    }

    private static FhirParameterError? Patients(string name, StringValues values, out List<int> ids)
    {
        ids = [];
        foreach (var value in Split(values))
        {
            var text = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return new FhirParameterError(name, $"'{value}' is not a patient reference (Patient/{{id}} or {{id}})");
            ids.Add(id);
        }
        return null;
    }

    private static FhirParameterError? ParseCodes(StringValues values, out List<string> codes)
    {
        codes = [];
        foreach (var token in Split(values))
        {
            if (!VitalSignProfiles.TryFindByToken(token, out var wireName))
                return new FhirParameterError("code", $"'{token}' is not a vital sign served here: LOINC {string.Join(", ", VitalSignProfiles.All.SelectMany(p => p.Codes))}");
            codes.Add(wireName);
        }
        return null;
    }
}
