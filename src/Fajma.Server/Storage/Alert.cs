using Fajma.Core.Alerts;

namespace Fajma.Server.Storage;

/// <summary>
/// An alert as stored. What it says (the value, the device's description, the resolution note) is sealed under
/// the patient's data key (the platform key for system alerts); what it is (kind, rule, severity, times, who
/// acknowledged) stays in the clear so lists and escalation work without keys.
/// </summary>
public sealed class Alert
{
    /// <summary>Made when the alert is raised (UUID v7, time-ordered): the alert reaches browsers before the row is written.</summary>
    public Guid Id { get; set; }

    /// <summary>Null for a system alert.</summary>
    public int? PatientId { get; set; }

    public AlertKind Kind { get; set; }

    /// <summary>What was crossed, stable while the alert is open: <c>heart_rate:high</c>, <c>news2</c>, <c>nodata:{device}</c>, <c>device:{device}:{type}</c>.</summary>
    public required string Rule { get; set; }

    public AlertSeverity Severity { get; set; }

    public AlertStatus Status { get; set; }

    public string? DeviceId { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>The latest reading folded into this alert.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Readings folded into this alert (1 when raised).</summary>
    public int Occurrences { get; set; }

    public int EscalationLevel { get; set; }

    public int? AcknowledgedBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>Null with <see cref="ResolvedAt"/> set: resolved by the values themselves.</summary>
    public int? ResolvedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The device message that raised a device alert: a redelivery folds into it instead of raising again.</summary>
    public string? SourceMessageId { get; set; }

    /// <summary>What the doctor who resolved it by hand judged it: real (actionable) or not; null when resolved by the values or not said.</summary>
    public AlertOutcome? Outcome { get; set; }

    /// <summary>The alert's content (<see cref="Alerts.AlertContent"/>), sealed.</summary>
    public required byte[] Sealed { get; set; }
}
