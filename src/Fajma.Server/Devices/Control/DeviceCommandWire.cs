using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fajma.Server.Storage;

namespace Fajma.Server.Devices.Control;

/// <summary>
/// A command as devices read it, on <c>fajma/devices/{id}/commands</c> or in the <c>commands</c> array of the answer to an
/// HTTP post: <c>{"command","correlation_id","expires_at" (unix ms),"consultation_id","params"}</c>.
/// </summary>
public sealed record DeviceCommandWire(
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("correlation_id")] Guid CorrelationId,
    [property: JsonPropertyName("expires_at")] long ExpiresAt,
    [property: JsonPropertyName("consultation_id")] int? ConsultationId,
    [property: JsonPropertyName("params")] JsonObject Params)
{
    public static DeviceCommandWire Of(DeviceCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameters = new JsonObject();
        if (command.IntervalMs is { } interval) parameters["interval_ms"] = interval;
        if (command.Sensor is { } sensor)
        {
            parameters["sensor"] = sensor;
            parameters["reference"] = command.Reference;
        }
        return new DeviceCommandWire(command.Command, command.CorrelationId, command.ExpiresAt.ToUnixTimeMilliseconds(), command.ConsultationId, parameters);
    }

    public byte[] ToUtf8() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, DevicesJsonContext.Default.DeviceCommandWire);
}
