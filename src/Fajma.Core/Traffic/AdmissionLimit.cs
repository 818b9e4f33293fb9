namespace Fajma.Core.Traffic;

/// <summary>
/// How many readings may be in flight (taken, not yet committed) before one more of a class is turned away to come back
/// later. Lower classes give way first — a ward's backlog flushed after an outage must not crowd out live vital signs —
/// and a critical alert is never turned away (ARCHITECTURE.md: "under overload, low classes are delayed or shed, alerts are not").
/// </summary>
public static class AdmissionLimit
{
    /// <param name="trafficClass">The reading's class.</param>
    /// <param name="maxInFlight">The node's limit for live vital signs (<c>Ingestion:MaxInFlight</c>).</param>
    public static int For(TrafficClass trafficClass, int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        return trafficClass switch
        {
            TrafficClass.CriticalAlert => int.MaxValue,
            TrafficClass.VitalSigns => maxInFlight,
            TrafficClass.DeviceStatus => Math.Max(1, maxInFlight * 3 / 4),
            _ => Math.Max(1, maxInFlight / 2),
        };
    }
}
