using Fajma.Core.Consultations;

namespace Fajma.Server.Storage;

/// <summary>
/// A command sent to a device over <c>fajma/devices/{id}/commands</c>, tracked through one lifecycle
/// (queued → sent → delivered → successful | failed | timeout | expired) by its correlation id.
/// </summary>
public sealed class DeviceCommand
{
    public Guid CorrelationId { get; set; }

    public required string DeviceId { get; set; }

    public int? ConsultationId { get; set; }

    public required string Command { get; set; }

    public DeviceCommandStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? Detail { get; set; }
}
