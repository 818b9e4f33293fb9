using System.Diagnostics.Metrics;
using Fajma.Server.Platform;

namespace Fajma.Server.Monitoring;

/// <summary>Meter <c>Fajma.Live</c>: how old a reading is when it is handed to a screen's connection.</summary>
public sealed class LiveMetrics
{
    public const string MeterName = "Fajma.Live";

    private readonly KeyValuePair<string, object?> _node;

    private readonly Histogram<double> _pushLatency;
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
    }

    /// <summary>
    /// Called once the send to a connection returned. Only device-clocked observations count: a server-stamped one
    /// (uptime counter) would measure nothing but the server. A negative span (device clock ahead) is clamped, not dropped.
    /// </summary>
    public void Sent(object? payload)
    {
        if (payload is not ObservationDto { ClockSource: "device" } observation) return;
        _pushLatency.Record(Math.Max(0, (_time.GetUtcNow() - observation.MeasuredAt).TotalSeconds), _node);
    }
}
