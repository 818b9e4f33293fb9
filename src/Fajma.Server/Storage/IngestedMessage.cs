namespace Fajma.Server.Storage;

/// <summary>
/// The receipt of one accepted device message. (<see cref="DeviceId"/>, <see cref="MessageKey"/>) is
/// unique: a redelivered message finds its receipt and is acknowledged without being stored again.
/// </summary>
public sealed class IngestedMessage
{
    public long Id { get; set; }

    public required string DeviceId { get; set; }

    /// <summary>The standard message's <c>message_id</c>, or <c>ts:{timestamp}</c> for the flat ESP32 format.</summary>
    public required string MessageKey { get; set; }

    public required string Format { get; set; }

    public required string MessageType { get; set; }

    public required string Transport { get; set; }

    /// <summary>Wall-clock time the device claimed, if any.</summary>
    public DateTimeOffset? DeviceTime { get; set; }

    /// <summary>The device's uptime counter in ms, when it sent one instead of a time.</summary>
    public long? DeviceSequence { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The sensor a gateway relayed (<c>header.source</c>, e.g. a phone's BLE strap); null when the device measured it itself.</summary>
    public string? Source { get; set; }
}
