namespace Fajma.Server.Alerts;

/// <summary>
/// An alert as clients see it, and the payload of the monitoring hub's <c>alert</c> event. <see cref="Event"/>
/// says what just happened (raised, updated, reminder, escalated, acknowledged, resolved); clients keep the
/// latest per <see cref="Id"/>. <see cref="Paged"/> are the doctors being paged, in care-team order.
/// </summary>
public sealed record AlertDto(
    Guid Id,
    int? PatientId,
    string Kind,
    string Rule,
    string Severity,
    string Status,
    string Event,
    string Title,
    string? VitalType,
    double? Limit,
    double? Value,
    string? Unit,
    string? Detail,
    double? Confidence,
    IReadOnlyDictionary<string, double>? Measurements,
    string? DeviceId,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastSeenAt,
    int Occurrences,
    int? AcknowledgedBy,
    string? AcknowledgedByName,
    DateTimeOffset? AcknowledgedAt,
    int? ResolvedBy,
    string? ResolvedByName,
    DateTimeOffset? ResolvedAt,
    string? ResolutionNote,
    int EscalationLevel,
    IReadOnlyList<int> Paged,
    bool AdminsPaged,
    string? Outcome = null)
{
    /// <summary>
    /// What an administrator paged by escalation sees: that a patient's alert of this kind and severity waits, never
    /// the value or the text (admins read clinical data only through break-glass, audited).
    /// </summary>
    public AlertDto Redacted() => this with
    {
        Title = $"{Severity} {Kind} alert waiting for acknowledgement",
        VitalType = null, Limit = null, Value = null, Unit = null, Detail = null, Confidence = null, Measurements = null, ResolutionNote = null,
    };
}
