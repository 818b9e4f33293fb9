using System.Text.Json.Serialization;
using Fajma.Server.Devices.Control;

namespace Fajma.Server.Ingestion;

/// <summary>
/// The answer to an accepted message: <c>stored</c>, or <c>duplicate</c> (already stored; acknowledged again). To a device
/// posting over HTTP, <see cref="Commands"/> carries what waits for it (it answers each on its ack route).
/// </summary>
public sealed record IngestReceipt(string MessageId, string Status, int Observations)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DeviceCommandWire>? Commands { get; init; }

    /// <summary>The device the message proved to come from (not sent back: it knows).</summary>
    [JsonIgnore]
    public string? DeviceId { get; init; }
}
