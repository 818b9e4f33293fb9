namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>Configuration section <c>Mqtt</c>: the embedded broker.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on; loopback by default so a demo is never exposed by accident.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Plain MQTT; devices sign in with id and secret. 0 turns it off (production: TLS only).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>MQTT over TLS 1.2/1.3 with client certificates from the device CA; 0 turns it off.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>From accepting a connection to its whole CONNECT, TLS handshake included; a slower one (trickling bytes, say) is closed.</summary>
    public TimeSpan ConnectDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connections from one address (an IPv6 /64) not yet signed in; more are closed at accept. A device connects
    /// once, and a pending connection lasts a few round trips (TLS handshake, CONNECT, CONNACK), so a clinic's NAT
    /// gateway whose 1,000 devices all reconnect after a power cut still gets them through at dozens a second,
    /// the refused ones retrying on their backoff: within a few deadlines. One attacker address holds at most this many.
    /// </summary>
    public int MaxPendingConnectionsPerAddress { get; set; } = 32;

    /// <summary>Connections not yet signed in, from all addresses: the bound on sockets and memory anyone can hold without a device's secret.</summary>
    public int MaxPendingConnections { get; set; } = 1024;

    /// <summary>Largest first packet, fixed header included: a CONNECT (client id, credentials, a small will) from someone not yet signed in.</summary>
    public int MaxConnectPacketBytes { get; set; } = 4 * 1024;

    /// <summary>
    /// Largest packet from a signed-in device, fixed header included: the largest message ingested plus room for its
    /// topic and properties (a slightly larger message still gets its PUBACK refusal). Advertised in CONNACK.
    /// </summary>
    public int MaxPacketBytes { get; set; } = Core.Messages.DeviceMessageParser.MaxMessageBytes + 4 * 1024;

    /// <summary>What a device's bundle names as its broker (device.json <c>mqttUrl</c>).</summary>
    public string TlsUrl => $"mqtts://{Host}:{TlsPort}";
}
