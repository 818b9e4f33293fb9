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

    /// <summary>
    /// The account that asked (control and calibration routes); null for the consultation handshake's own commands, which
    /// <see cref="Fajma.Server.Devices.DeviceCommands"/> awaits in memory. Only requested commands are kept for an offline device.
    /// </summary>
    public int? RequestedBy { get; set; }

    /// <summary>The caller's <c>Idempotency-Key</c>: unique per caller and device.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of what was asked, so a repeated key with another body is told apart from a retry.</summary>
    public string? RequestHash { get; set; }

    /// <summary><c>set_sampling_rate</c>: the new interval between readings.</summary>
    public int? IntervalMs { get; set; }

    /// <summary><c>calibrate</c>: which sensor, and the reference value if one was given.</summary>
    public string? Sensor { get; set; }

    public double? Reference { get; set; }

    /// <summary>When it went out (MQTT publish, or the HTTP answer that carried it): the answer timeout runs from here.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A node sending it holds it until then, so nodes sharing the store send each command once.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
