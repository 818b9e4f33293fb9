using System.Net;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>Why the broker closed a connection below MQTTnet: a framing rule (before buffering what it was sent) or the keep-alive.</summary>
public enum MqttFramingRefusal
{
    /// <summary>The first packet (CONNECT, before sign-in) declared more than <see cref="MqttOptions.MaxConnectPacketBytes"/>.</summary>
    ConnectTooLarge,

    /// <summary>A signed-in client's packet declared more than <see cref="MqttOptions.MaxPacketBytes"/>.</summary>
    PacketTooLarge,

    /// <summary>A remaining length over 4 bytes, or a first packet that is not CONNECT.</summary>
    Malformed,

    /// <summary>TLS handshake and CONNECT not complete within <see cref="MqttOptions.ConnectDeadline"/>.</summary>
    ConnectDeadline,

    /// <summary>Closed at accept: <see cref="MqttOptions.MaxPendingConnectionsPerAddress"/> from its address are already waiting to sign in.</summary>
    TooManyPendingFromAddress,

    /// <summary>Closed at accept: <see cref="MqttOptions.MaxPendingConnections"/> are already waiting to sign in.</summary>
    TooManyPending,

    /// <summary>Nothing received for one and a half times the CONNECT's keep-alive (the limit given in seconds).</summary>
    KeepAliveExpired,
}

/// <summary>
/// Connections closed at the framing layer: every one counted (<c>fajma.ingest.mqtt.connections.closed</c>),
/// each logged at Debug, and at most one Warning a minute saying how many since. No audit entry: anyone
/// can open connections, and they must be able to fill neither the log nor the audit trail.
/// </summary>
public sealed partial class MqttFramingLog(IngestionMetrics metrics, TimeProvider time, ILogger<MqttFramingLog> logger)
{
    private static readonly TimeSpan s_warningInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private DateTimeOffset _lastWarning = DateTimeOffset.MinValue;
    private long _sinceWarning;

    /// <param name="declaredBytes">For a packet too large: its declared size as far as its header was read.</param>
    public void Closed(MqttFramingRefusal reason, bool tls, EndPoint? remote, long declaredBytes, int limit)
    {
        metrics.MqttConnectionClosed(reason, tls);
        var declared = reason is MqttFramingRefusal.ConnectTooLarge or MqttFramingRefusal.PacketTooLarge ? declaredBytes : 0;
        LogClosed(reason, remote, tls, declared, limit);
        long count;
        lock (_gate)
        {
            _sinceWarning++;
            var now = time.GetUtcNow();
            if (now - _lastWarning < s_warningInterval) return;
            (_lastWarning, count, _sinceWarning) = (now, _sinceWarning, 0);
        }
        LogSummary(reason, remote, count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT connection from {Remote} (TLS {Tls}) closed: {Reason} (declared {Declared} bytes, limit {Limit})")]
    private partial void LogClosed(MqttFramingRefusal reason, EndPoint? remote, bool tls, long declared, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection from {Remote} closed below MQTTnet: {Reason}; {Count} such closes since the last of these warnings (all counted in fajma.ingest.mqtt.connections.closed)")]
    private partial void LogSummary(MqttFramingRefusal reason, EndPoint? remote, long count);
}
