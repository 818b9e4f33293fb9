namespace Fajma.Server.Ingestion;

/// <summary>
/// Where a message came from. <see cref="ChannelDeviceId"/> is the device the channel itself speaks
/// for (the MQTT topic's id today; the client certificate's identity once devices authenticate):
/// a message claiming another device is refused. <see cref="AlertChannel"/>: the alert topic or endpoint, which
/// takes CRITICAL_ALERT messages only.
/// </summary>
public sealed record IngestSource(string Transport, string Route, string? ChannelDeviceId = null, bool AlertChannel = false)
{
    /// <summary>The network address it came from, which refusals of unauthenticated input are charged to.</summary>
    public string? Peer { get; init; }

    public const string Mqtt = "mqtt";
    public const string Http = "http";
    public const string MobileRelay = "mobile";
}
