using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Platform;

/// <summary>Meter <c>Fajma.Hubs</c>: hub calls refused before they reach the hub, by hub, method and reason.</summary>
public sealed class HubMetrics
{
    public const string MeterName = "Fajma.Hubs";

    public const string RateLimited = "rate_limited";

    public const string SessionEnded = "session_ended";

    private readonly Counter<long> _refused;
    private readonly KeyValuePair<string, object?> _node;

    public HubMetrics(IMeterFactory meters, NodeIdentity node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node.Label;
        var meter = meters.Create(MeterName);
        _refused = meter.CreateCounter<long>("fajma.hubs.invocations.refused", description: "Hub method calls refused before the hub ran them, by reason");
    }

    /// <summary>The method tag is bounded: filters see only methods the hub declares.</summary>
    public void Refused(HubInvocationContext invocation, string reason) =>
        _refused.Add(1, new("hub", invocation.Hub.GetType().Name), new("method", invocation.HubMethodName), new("reason", reason), _node);
}
