using System.Collections.Concurrent;
using Fajma.Core.Messages;

namespace Fajma.Server.Observations.Intake;

/// <summary>
/// Each device's clock offset as estimated from its messages on this node (<see cref="ClockOffsetEstimator"/>). In a
/// cluster every node estimates from the messages it takes; the in-step rule holds for any two of a device's messages,
/// so a node's share is enough. Kept in memory: an estimate is rebuilt within seconds of a restart.
/// </summary>
public sealed class DeviceClocks
{
    private readonly ConcurrentDictionary<string, ClockOffsetEstimator> _devices = new(StringComparer.Ordinal);

    /// <summary>Takes a message's device time (null for an uptime-only device: nothing to estimate) and returns the estimate after it.</summary>
    public ClockEstimate? Observe(string deviceId, DateTimeOffset? deviceTime, DateTimeOffset receivedAt)
    {
        if (deviceTime is not { } at) return null;
        var estimator = _devices.GetOrAdd(deviceId, _ => new ClockOffsetEstimator());
        lock (estimator) return estimator.Observe(at, receivedAt);
    }

    public ClockEstimate? Current(string deviceId)
    {
        if (!_devices.TryGetValue(deviceId, out var estimator)) return null;
        lock (estimator) return estimator.Current;
    }
}
