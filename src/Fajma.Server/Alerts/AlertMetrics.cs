using System.Diagnostics.Metrics;
using Fajma.Core.Traffic;

namespace Fajma.Server.Alerts;

/// <summary>Meter <c>Fajma.Alerts</c>: alerts by kind and severity, how fast they left, and each traffic class's fate.</summary>
public sealed class AlertMetrics : Live.ITrafficShedding
{
    public const string MeterName = "Fajma.Alerts";

    private readonly KeyValuePair<string, object?> _node;
    private readonly Counter<long> _raised;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _dispatch;
    private readonly Counter<long> _traffic;
    private readonly Counter<long> _shed;
    private readonly Counter<long> _webhooks;

    public AlertMetrics(IMeterFactory meters, Platform.NodeIdentity node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node.Label;
        var meter = meters.Create(MeterName);
        _raised = meter.CreateCounter<long>("fajma.alerts.raised", description: "Alerts raised, by kind and severity");
        _events = meter.CreateCounter<long>("fajma.alerts.events", description: "Alert events sent live, by event");
        _dispatch = meter.CreateHistogram<double>("fajma.alerts.dispatch", unit: "ms", description: "From the message's arrival to the alert leaving for browsers");
        _traffic = meter.CreateCounter<long>("fajma.traffic.messages", description: "Device messages by traffic class");
        _shed = meter.CreateCounter<long>("fajma.traffic.shed", description: "Live deliveries dropped or replaced under load, by traffic class");
        _webhooks = meter.CreateCounter<long>("fajma.alerts.webhook", description: "Webhook deliveries, by outcome");
    }

    public void Raised(string kind, string severity) => _raised.Add(1, new("kind", kind), new("severity", severity), _node);

    public void Sent(string @event, TimeSpan? sinceArrival)
    {
        _events.Add(1, new KeyValuePair<string, object?>("event", @event), _node);
        if (sinceArrival is { } elapsed) _dispatch.Record(elapsed.TotalMilliseconds, _node);
    }

    public void Message(TrafficClass trafficClass) => _traffic.Add(1, new KeyValuePair<string, object?>("class", ClassName(trafficClass)), _node);

    public void Shed(TrafficClass trafficClass, long count = 1) => _shed.Add(count, new KeyValuePair<string, object?>("class", ClassName(trafficClass)), _node);

    public void Webhook(string outcome) => _webhooks.Add(1, new KeyValuePair<string, object?>("outcome", outcome), _node);

    public static string ClassName(TrafficClass trafficClass) => trafficClass switch
    {
        TrafficClass.CriticalAlert => "critical_alert",
        TrafficClass.VitalSigns => "vital_signs",
        TrafficClass.DeviceStatus => "device_status",
        _ => "historical_data",
    };
}
