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

    /// <summary>
    /// Whether the sender can be told "busy, come back later" without taking that for an acknowledgement (HTTP, MQTT 5).
    /// When not (MQTT 3.1.1, the external broker), its readings are taken whatever the load and wait for the writer.
    /// </summary>
    public bool MayBeTurnedAway { get; init; }

    public const string Mqtt = "mqtt";
    public const string Http = "http";
    public const string MobileRelay = "mobile";
}
