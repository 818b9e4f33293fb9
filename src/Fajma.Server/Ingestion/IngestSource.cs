namespace Fajma.Server.Ingestion;

/// <summary>
/// Where a message came from. <see cref="ChannelDeviceId"/> is the device the channel itself speaks
/// for (the MQTT topic's id today; the client certificate's identity once devices authenticate):
/// a message claiming another device is refused.
/// </summary>
public sealed record IngestSource(string Transport, string Route, string? ChannelDeviceId = null)
{
    public const string Mqtt = "mqtt";
    public const string Http = "http";
    public const string MobileRelay = "mobile";
}
