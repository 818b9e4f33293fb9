using System.Globalization;
using System.Text.RegularExpressions;

namespace Fajma.Core.Fhir;

/// <summary>
/// One FHIR date search value (<c>ge2026-03-01</c>, <c>lt2026-03-01T10:00:00Z</c>): the prefix and the range its
/// precision implies, [<see cref="Start"/>, <see cref="End"/>). A date without a time is a UTC day; a time needs its
/// zone (FHIR). Applied to an instant, it becomes an inclusive lower and exclusive upper bound.
/// </summary>
public sealed partial record FhirDateSearch(FhirDatePrefix Prefix, DateTimeOffset Start, DateTimeOffset End)
{
    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<min>\d{2})(:(?<s>\d{2})(?<f>\.\d{1,7})?)?(?<z>Z|[+-]\d{2}:\d{2}))?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    private static readonly (string Text, FhirDatePrefix Prefix)[] s_prefixes =
        [("eq", FhirDatePrefix.Eq), ("ge", FhirDatePrefix.Ge), ("gt", FhirDatePrefix.Gt), ("le", FhirDatePrefix.Le), ("lt", FhirDatePrefix.Lt)];

    public static bool TryParse(string text, out FhirDateSearch search)
    {
        ArgumentNullException.ThrowIfNull(text);
        search = null!;
        var prefix = FhirDatePrefix.Eq;
        foreach (var (name, value) in s_prefixes)
        {
            if (!text.StartsWith(name, StringComparison.Ordinal)) continue;
            prefix = value;
            text = text[2..];
            break;
        }
        var match = Shape().Match(text);
        if (!match.Success) return false;
        int Part(string name, int fallback) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;
        try
        {
            var offset = match.Groups["z"].Value is { Length: > 1 } z ? TimeSpan.ParseExact(z[1..], @"hh\:mm", CultureInfo.InvariantCulture) * (z[0] == '-' ? -1 : 1) : TimeSpan.Zero;
            var start = new DateTimeOffset(Part("y", 1), Part("m", 1), Part("d", 1), Part("h", 0), Part("min", 0), Part("s", 0), offset);
            if (match.Groups["f"].Success) start = start.AddTicks(long.Parse(match.Groups["f"].Value[1..].PadRight(7, '0'), CultureInfo.InvariantCulture));
            DateTimeOffset end =
                match.Groups["f"].Success ? start.AddTicks((long)Math.Pow(10, 7 - (match.Groups["f"].Value.Length - 1))) :
                match.Groups["s"].Success ? start.AddSeconds(1) :
                match.Groups["min"].Success ? start.AddMinutes(1) :
                match.Groups["d"].Success ? start.AddDays(1) :
                match.Groups["m"].Success ? start.AddMonths(1) : start.AddYears(1);
            search = new FhirDateSearch(prefix, start, end);
            return true;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or FormatException or OverflowException)
        {
            return false; // 2026-02-30, 25:00, +15:00 …
        }
    }

    /// <summary>Inclusive lower bound an instant must reach, if any.</summary>
    public DateTimeOffset? From => Prefix switch
    {
        FhirDatePrefix.Eq or FhirDatePrefix.Ge => Start,
        FhirDatePrefix.Gt => End,
        _ => null,
    };

    /// <summary>Exclusive upper bound an instant must stay under, if any.</summary>
    public DateTimeOffset? Before => Prefix switch
    {
        FhirDatePrefix.Eq or FhirDatePrefix.Le => End,
        FhirDatePrefix.Lt => Start,
        _ => null,
    };

    public bool Matches(DateTimeOffset instant) => (From is not { } from || instant >= from) && (Before is not { } before || instant < before);
}
