namespace Fajma.Core.Triage;

/// <summary>
/// The order of the triage board, most in need of a look first: open critical alerts; then open alerts by their highest
/// severity and number; NEWS2 risen by 2 or more (a deterioration going on now, ahead of the past day's time out of
/// range); time out of range in quarter hours (so a few minutes' difference lets the next rule speak); data coverage
/// under 70 % (too little data to be reassured by); an alert since the last review; then the lower coverage, the name.
/// </summary>
public static class TriageRank
{
    /// <summary>NEWS2 up this much over the comparison is a deterioration (the trend rule's default).</summary>
    public const int News2Rise = 2;

    /// <summary>Below this share of the window with readings, the board cannot reassure: the patient moves up.</summary>
    public const double LowCoverage = 0.7;

    /// <summary>Time out of range counts in steps of this, so near-equal patients are told apart by the later rules.</summary>
    public static readonly TimeSpan OutOfRangeStep = TimeSpan.FromMinutes(15);

    public static TriageReason Reasons(TriageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var reasons = TriageReason.None;
        if (facts.OpenCritical > 0) reasons |= TriageReason.OpenCritical;
        if (facts.OpenAlerts > facts.OpenCritical) reasons |= TriageReason.OpenAlerts;
        if (facts.News2Change >= News2Rise) reasons |= TriageReason.News2Rising;
        if (facts.OutOfRange > TimeSpan.Zero) reasons |= TriageReason.OutOfRange;
        if (facts.Coverage < LowCoverage) reasons |= TriageReason.LowCoverage;
        if (facts.AlertSinceReview) reasons |= TriageReason.AlertSinceReview;
        return reasons;
    }

    /// <summary>The patients in board order; ties broken by name, then id, so the order is stable between refreshes.</summary>
    public static IReadOnlyList<TriageFacts> Order(IEnumerable<TriageFacts> patients)
    {
        ArgumentNullException.ThrowIfNull(patients);
        return [.. patients
            .OrderByDescending(p => p.OpenCritical)
            .ThenByDescending(p => p.HighestOpen is { } s ? (int)s : -1)
            .ThenByDescending(p => p.OpenAlerts)
            .ThenByDescending(p => p.News2Change >= News2Rise)
            .ThenByDescending(p => (long)(p.OutOfRange / OutOfRangeStep))
            .ThenByDescending(p => p.Coverage < LowCoverage)
            .ThenByDescending(p => p.AlertSinceReview)
            .ThenBy(p => p.Coverage)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.PatientId)];
    }
}
