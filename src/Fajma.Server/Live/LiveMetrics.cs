using System.Diagnostics.Metrics;
using Fajma.Server.Platform;

namespace Fajma.Server.Live;

/// <summary>Meter <c>Fajma.Live</c>: how old a reading is when it is handed to a screen's connection, from the device's clock and from its arrival.</summary>
public sealed class LiveMetrics
{
    public const string MeterName = "Fajma.Live";

    private readonly KeyValuePair<string, object?> _node;
    private readonly Histogram<double> _pushLatency;
    private readonly Histogram<double> _serverPushLatency;
    private readonly Counter<long> _bytes;
    private readonly TimeProvider _time;

    public LiveMetrics(IMeterFactory meters, NodeIdentity node, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(node);
        _time = time;
        _node = node.Label;
        var meter = meters.Create(MeterName);
        _pushLatency = meter.CreateHistogram("fajma.reading.push_latency", unit: "s",
            description: "Observations with a device clock: the device's timestamp to the send to one watching screen's connection, per screen (device clock skew included; a clock ahead counts as 0)",
            advice: ObservabilityExtensions.LatencyBuckets);
        _bytes = meter.CreateCounter<long>("fajma.live.bytes", unit: "By", description: "Live events queued to watching screens, by their JSON size on the wire");
        _serverPushLatency = meter.CreateHistogram("fajma.reading.server_push_latency", unit: "s",
            description: "Observations: their arrival at a node to the send to one watching screen's connection, per screen (the server's share, on the server's clock only)",
            advice: ObservabilityExtensions.LatencyBuckets);
    }

    /// <summary>
    /// Called once the send to a connection returned. The device-clock latency counts device-clocked observations only:
    /// a server-stamped one (uptime counter) would measure nothing but the server. A negative span (device clock ahead)
    /// is clamped, not dropped. The arrival-based one counts every observation, skew-free.
    /// </summary>
    public void Sent(object? payload)
    {
        if (payload is not ITimedReading observation) return;
        var now = _time.GetUtcNow();
        _serverPushLatency.Record(Math.Max(0, (now - observation.ReceivedAt).TotalSeconds), _node);
        if (observation.ClockSource == "device") _pushLatency.Record(Math.Max(0, (now - observation.MeasuredAt).TotalSeconds), _node);
    }

    /// <summary>Bytes of live events queued for screens (an event to three screens counts three times).</summary>
    public void Queued(long bytes)
    {
        if (bytes > 0) _bytes.Add(bytes, _node);
    }
}
