using Fajma.Core.Traffic;

namespace Fajma.Server.Live;

/// <summary>
/// The <c>Traffic</c> section: how many bytes per second of each class one browser may receive live (seed 000 §4.1
/// <c>bandwidth_limits</c>, the defaults). 0 = unlimited. Alerts have no limit and never pass through here.
/// </summary>
public sealed class TrafficOptions
{
    public long VitalSignsBytesPerSecond { get; set; } = TrafficBudget.For(TrafficClass.VitalSigns).BytesPerSecond ?? 0;

    public long DeviceStatusBytesPerSecond { get; set; } = TrafficBudget.For(TrafficClass.DeviceStatus).BytesPerSecond ?? 0;

    public long BytesPerSecond(TrafficClass trafficClass) => trafficClass switch
    {
        TrafficClass.VitalSigns => VitalSignsBytesPerSecond,
        TrafficClass.DeviceStatus => DeviceStatusBytesPerSecond,
        _ => 0,
    };
}
