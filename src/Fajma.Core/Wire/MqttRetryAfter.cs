namespace Fajma.Core.Wire;

/// <summary>
/// A busy server's PUBACK 0x97 (quota exceeded) carries, in this MQTT 5 user property, how many whole seconds the device
/// should wait before it sends the reading again — MQTT 5 has no standard field for it. The server writes it, devices read it.
/// </summary>
public static class MqttRetryAfter
{
    public const string PropertyName = "retry-after";
}
