namespace Fajma.Server.Triage;

/// <summary>
/// One patient on the triage board, in board order (<see cref="Rank"/> from 1). <see cref="Reasons"/> name what put them
/// there (open_critical, open_alerts, news2_rising, out_of_range, low_coverage, alert_since_review). Coverage is a share
/// (0–1) of the window's 5-minute slots with a reading, <see cref="CoverageHours"/> the same hour by hour, oldest first.
/// NEWS2 is null for a child, or without readings in the hour before.
/// </summary>
public sealed record TriageRowDto(
    int Rank,
    int PatientId,
    string Name,
    IReadOnlyList<string> Reasons,
    int OpenAlerts,
    int OpenCritical,
    string? HighestSeverity,
    double OutOfRangeMinutes,
    double Coverage,
    IReadOnlyList<double> CoverageHours,
    int? News2,
    int? News2Before,
    DateTimeOffset? LastAlertAt,
    PatientReviewDto? LastReview);
