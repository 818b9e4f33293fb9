using System.Diagnostics.Metrics;
using Fajma.Core.Messages;
using Fajma.Server.Ingestion.Mqtt;

namespace Fajma.Server.Ingestion;

/// <summary>Counters of meter <c>Fajma.Ingestion</c> (exported at /metrics): nothing refused goes uncounted.</summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "Fajma.Ingestion";

    private readonly KeyValuePair<string, object?> _node;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _busy;
    private readonly Counter<long> _observations;
    private readonly Counter<long> _mqttClosed;
    private readonly Counter<long> _mqttEnded;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _commitLatency;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _mqttEndedTotals = new(StringComparer.Ordinal);
    private readonly long[] _mqttClosedTotals = new long[Enum.GetValues<MqttFramingRefusal>().Length];
    private long _rejectedTotal;
    private long _busyTotal;
    private long _storedTotal;
    private long _latencyTicks;
    private long _latencyCount;

    public IngestionMetrics(IMeterFactory meters, Platform.NodeIdentity node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node.Label;
        var meter = meters.Create(MeterName);
        _stored = meter.CreateCounter<long>("fajma.ingest.messages.stored", description: "Device messages committed");
        _duplicates = meter.CreateCounter<long>("fajma.ingest.messages.duplicate", description: "Redelivered messages acknowledged without storing");
        _rejected = meter.CreateCounter<long>("fajma.ingest.messages.rejected", description: "Device messages refused, by reason");
        _busy = meter.CreateCounter<long>("fajma.ingest.messages.busy",
            description: "Device messages turned away while the node was too busy (the device keeps them and sends again), by traffic class");
        _observations = meter.CreateCounter<long>("fajma.ingest.observations.stored", description: "Observations committed");
        _mqttClosed = meter.CreateCounter<long>("fajma.ingest.mqtt.connections.closed",
            description: "MQTT connections the broker closed below MQTTnet (packet too large, malformed header, CONNECT deadline, too many waiting to sign in, keep-alive expired), by reason and port");
        _mqttEnded = meter.CreateCounter<long>("fajma.ingest.mqtt.sessions.ended",
            description: "Signed-in device connections that ended, by how: clean (DISCONNECT), not clean (socket dropped, keep-alive expired) or takeover (the device connected again)");
        _bytes = meter.CreateCounter<long>("fajma.ingest.bytes", unit: "By", description: "Device message bytes received, whatever became of them");
        _commitLatency = meter.CreateHistogram("fajma.reading.commit_latency", unit: "s",
            description: "Live readings with a device clock: the device's timestamp to the group commit (device clock skew included; a clock ahead counts as 0)",
            advice: Platform.ObservabilityExtensions.LatencyBuckets);
    }

    public long MqttConnectionsClosed(MqttFramingRefusal reason) => Interlocked.Read(ref _mqttClosedTotals[(int)reason]);

    public void MqttConnectionClosed(MqttFramingRefusal reason, bool tls)
    {
        Interlocked.Increment(ref _mqttClosedTotals[(int)reason]);
        _mqttClosed.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()), new KeyValuePair<string, object?>("port", tls ? "tls" : "plain"), _node);
    }

    /// <summary>A signed-in device's connection ended; <paramref name="how"/> is MQTTnet's disconnect type, <paramref name="reason"/> its reason code if any.</summary>
    public void MqttSessionEnded(string how, string? reason)
    {
        _mqttEndedTotals.AddOrUpdate(how, 1, (_, n) => n + 1);
        _mqttEnded.Add(1, new KeyValuePair<string, object?>("how", how), new KeyValuePair<string, object?>("reason", reason ?? "none"), _node);
    }

    /// <summary>This node's count of device connections that ended <paramref name="how"/> (Clean, NotClean, Takeover).</summary>
    public long MqttSessionsEnded(string how) => _mqttEndedTotals.GetValueOrDefault(how);

    public long StoredTotal => Interlocked.Read(ref _storedTotal);

    public long RejectedTotal => Interlocked.Read(ref _rejectedTotal);

    public long BusyTotal => Interlocked.Read(ref _busyTotal);

    /// <summary>A reading turned away by <see cref="IngestionAdmission"/>: shed, not lost (the device still holds it).</summary>
    public void TurnedAway(Core.Traffic.TrafficClass trafficClass, string transport, int count = 1)
    {
        Interlocked.Add(ref _busyTotal, count);
        _busy.Add(count, new KeyValuePair<string, object?>("transport", transport), new KeyValuePair<string, object?>("class", Alerts.AlertMetrics.ClassName(trafficClass)), _node);
    }

    /// <summary>Arrival → committed, summed over stored messages, and how many: an average over any window is a difference of two reads.</summary>
    public (TimeSpan Total, long Count) Latency => (TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks)), Interlocked.Read(ref _latencyCount));

    public void Committed(TimeSpan sinceArrival)
    {
        Interlocked.Add(ref _latencyTicks, sinceArrival.Ticks);
        Interlocked.Increment(ref _latencyCount);
    }

    /// <summary>
    /// A live reading committed, <paramref name="sinceDeviceTime"/> after the device stamped it. Device clocks drift (the
    /// server accepts up to Ingestion:MaxClockAhead ahead), so a negative span is clamped to 0 rather than dropped: the
    /// count stays the number of readings, and a fleet of fast clocks shows up as a pile in the first bucket.
    /// </summary>
    public void CommittedSinceDeviceTime(TimeSpan sinceDeviceTime, string transport) =>
        _commitLatency.Record(Math.Max(0, sinceDeviceTime.TotalSeconds), new KeyValuePair<string, object?>("transport", transport), _node);

    public void Record(IngestOutcome outcome, string transport, int bytes)
    {
        var tag = new KeyValuePair<string, object?>("transport", transport);
        _bytes.Add(bytes, tag, _node);
        switch (outcome.Status)
        {
            case IngestStatus.Stored:
                Interlocked.Increment(ref _storedTotal);
                _stored.Add(1, tag, _node);
                _observations.Add(outcome.Observations, tag, _node);
                break;
            case IngestStatus.Duplicate:
                _duplicates.Add(1, tag, _node);
                break;
            case IngestStatus.Busy:
                break; // counted by class where it was turned away
            default:
                Interlocked.Increment(ref _rejectedTotal);
                _rejected.Add(1, tag, new KeyValuePair<string, object?>("reason", outcome.Rejection?.Reason.ToString() ?? RejectionReason.Invalid.ToString()), _node);
                break;
        }
    }
}
