using Fajma.Core.Alerts;

namespace Fajma.Core.Triage;

/// <summary>
/// What the triage board knows of one patient over its window: open alerts, time out of range, data coverage, NEWS2
/// now and some hours before, the latest alert and the latest review.
/// </summary>
public sealed record TriageFacts(
    int PatientId,
    string Name,
    int OpenCritical,
    int OpenAlerts,
    AlertSeverity? HighestOpen,
    TimeSpan OutOfRange,
    double Coverage,
    int? News2Now,
    int? News2Before,
    DateTimeOffset? LastAlertAt,
    DateTimeOffset? LastReviewedAt)
{
    /// <summary>NEWS2 now minus NEWS2 before; null when either is unknown.</summary>
    public int? News2Change => News2Now is { } now && News2Before is { } before ? now - before : null;

    /// <summary>An alert was raised since the last review (or nobody ever reviewed the patient).</summary>
    public bool AlertSinceReview => LastAlertAt is { } alert && (LastReviewedAt is not { } review || review < alert);
}
