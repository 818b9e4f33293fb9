namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>Where devices' MQTT arrives: the broker inside this process, or an external (clustered) broker this node subscribes to.</summary>
public enum MqttBrokerMode
{
    Embedded,
    External,
}

/// <summary>Configuration section <c>Mqtt</c>: the embedded broker, or the client of an external one (ARCHITECTURE §3).</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public bool Enabled { get; set; } = true;

    public MqttBrokerMode Broker { get; set; } = MqttBrokerMode.Embedded;

    /// <summary>External mode: the broker, <c>mqtt://host:port</c> or <c>mqtts://host:port</c> (user:password@ allowed).</summary>
    public string? Url { get; set; }

    /// <summary>
    /// External mode: this node's MQTT client id, which names its persistent session at the broker. It must survive a
    /// restart (the session's queued and unacknowledged messages come back to it) and differ between nodes (the
    /// broker drops an older connection with the same id). Unset: the machine name and the HTTP port.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary>External mode: how long the broker keeps this node's session (and queues for it) after it disconnects.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>External mode: messages the broker may have in flight to this node, unacknowledged (the node's concurrency).</summary>
    public int ReceiveMaximum { get; set; } = 256;

    /// <summary>
    /// On SIGTERM (any graceful stop): how long the node may take to finish the messages it already took — their group
    /// commit and acknowledgement — before it disconnects and leaves the rest to the broker. The host's ShutdownTimeout is
    /// raised to cover it.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// External mode: on a graceful stop, unsubscribe from the shared subscriptions first, so the broker deals new messages
    /// to the other nodes instead of queueing them in this node's session until it returns. Off by default: with no member
    /// left in the group (a lone node, or every node stopping at once) Mosquitto drops what devices publish meanwhile while
    /// still acknowledging it to them. A cluster restarted one node at a time turns it on (docs/scale-out.md, deploy/).
    /// </summary>
    public bool LeaveGroupOnStop { get; set; }

    /// <summary>External mode over <c>mqtts://</c>: the CA that signed the broker's certificate (PEM); unset, the system's roots.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>External mode: this node's client certificate (PEM) from <c>fajma broker config</c>, with <see cref="ClientKey"/>.</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>External mode: the private key (PEM) of <see cref="ClientCertificate"/>.</summary>
    public string? ClientKey { get; set; }

    /// <summary>Where <c>fajma broker config</c> wrote the broker's configuration: its <c>crl.pem</c> is rewritten on each revocation.</summary>
    public string? BrokerConfigDirectory { get; set; }

    /// <summary>The shared-subscription group every node joins, so the broker gives each message to one node.</summary>
    public const string SharedGroup = "fajma";

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

    /// <summary>
    /// Connections the kernel queues for the broker to accept (each listener). After a restart a whole fleet reconnects
    /// within seconds; past a short queue the kernel drops their SYNs, and each dropped one waits for a retransmission
    /// (1 s, then 2, 4, 8… more), past a device's own connect timeout. The kernel caps it at <c>net.core.somaxconn</c>
    /// (4,096 on Debian 12); MQTTnet's own listener queued 100.
    /// </summary>
    public int ConnectionBacklog { get; set; } = 4096;

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

    /// <summary>External mode: <see cref="Url"/> parsed; a missing port is MQTT's default for the scheme.</summary>
    public Uri ExternalUri()
    {
        if (Url is null || !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts"))
            throw new InvalidOperationException($"Mqtt:Broker=External needs Mqtt:Url as mqtt://host:port or mqtts://host:port (got '{Url}').");
        return uri.IsDefaultPort || uri.Port < 0 ? new UriBuilder(uri) { Port = uri.Scheme == "mqtts" ? 8883 : 1883 }.Uri : uri;
    }

    /// <summary>Where devices (the demo's simulated ones) connect with plain MQTT: the embedded broker, or the external one.</summary>
    public (string Host, int Port) DeviceEndpoint() =>
        Broker == MqttBrokerMode.External ? (ExternalUri().Host, ExternalUri().Port) : (Host, Port);
}
