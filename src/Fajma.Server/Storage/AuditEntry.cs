namespace Fajma.Server.Storage;

/// <summary>
/// One line of the append-only audit trail: who did what, to which patient, when, from where.
/// <see cref="Hash"/> chains it to the entry before, so an edited or deleted row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Assigned by the audit writer, without gaps.</summary>
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public int? ActorId { get; set; }

    public string? ActorRole { get; set; }

    /// <summary>See <see cref="Fajma.Server.Privacy.AuditActions"/>.</summary>
    public required string Action { get; set; }

    public int? PatientId { get; set; }

    /// <summary>What else was acted on: a device id, a user id, a route.</summary>
    public string? Target { get; set; }

    /// <summary>The caller's IP address, or the transport for devices.</summary>
    public string? Source { get; set; }

    public string? Detail { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
