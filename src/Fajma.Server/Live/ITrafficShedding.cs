using Fajma.Core.Traffic;

namespace Fajma.Server.Live;

/// <summary>Counts live deliveries replaced or dropped under load, by traffic class (the counter lives with the traffic metrics).</summary>
public interface ITrafficShedding
{
    void Shed(TrafficClass trafficClass, long count = 1);
}
