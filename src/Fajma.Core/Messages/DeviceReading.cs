using Fajma.Core.Vitals;

namespace Fajma.Core.Messages;

/// <summary>
/// A device message after parsing and validation, whatever its wire format.
/// <para><see cref="MessageKey"/> makes redelivery idempotent: the standard message's <c>message_id</c>,
/// or for the flat format (which has no id) the device's timestamp.</para>
/// <para><see cref="DeviceTime"/> is set when the device sent wall-clock time; <see cref="DeviceSequence"/>
/// when it sent an uptime counter. A signed message keeps the bytes its signature covers, for the server to check. The server stores both next to its own receive time, so a device
/// with a wrong clock stays visible instead of silently shifting a patient's chart.</para>
/// </summary>
public sealed record DeviceReading(
    WireFormat Format,
    string DeviceId,
    string MessageKey,
    string MessageType,
    DateTimeOffset? DeviceTime,
    long? DeviceSequence,
    string? ClaimedPatientId,
    IReadOnlyList<Measurement> Measurements,
    DeviceStatusReport? Status,
    string? Signature)
{
    /// <summary>The canonical bytes the <see cref="Signature"/> covers (<see cref="MessageSignature.SignedBytes"/>); empty when unsigned.</summary>
    public ReadOnlyMemory<byte> SignedBytes { get; init; }

    /// <summary>The sensor a gateway relays (<see cref="RelayedSource"/>); null when the device measured it itself.</summary>
    public string? Source { get; init; }

    /// <summary>Set on a CRITICAL_ALERT: what the device itself detected.</summary>
    public Alerts.DeviceAlertReport? Alert { get; init; }
}
