using Fajma.Core.Nudges;

namespace Fajma.Server.Storage;

/// <summary>
/// One nudge to a patient about one of their devices, and its life: raised, pushed (at least one browser took it),
/// then cleared (put right), escalated (still there past the limit: the care team was told) or dismissed by the patient.
/// At most one open (not cleared) nudge per device and kind: the unique index makes two nodes raising it at once raise it once.
/// </summary>
public sealed class Nudge
{
    /// <summary>UUID v7; it also tags the push, so a later push about the same nudge replaces the notification.</summary>
    public Guid Id { get; set; }

    public int PatientId { get; set; }

    public required string DeviceId { get; set; }

    public NudgeKind Kind { get; set; }

    /// <summary>The battery level that raised a low-battery nudge.</summary>
    public int? Battery { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset? PushedAt { get; set; }

    public DateTimeOffset? ClearedAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>The patient said they have seen it: the banner goes, the nudge stays open until put right.</summary>
    public DateTimeOffset? DismissedAt { get; set; }
}
