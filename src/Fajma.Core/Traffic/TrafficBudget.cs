namespace Fajma.Core.Traffic;

/// <summary>
/// One class's budget from device to browser: the latency it must meet (ARCHITECTURE §1, seed 000 §4) and the
/// live bandwidth one browser may receive of it (seed 000 §4.1 <c>bandwidth_limits</c>; null = unlimited).
/// </summary>
public sealed record TrafficBudget(TrafficClass Class, TimeSpan Latency, long? BytesPerSecond)
{
    public static IReadOnlyList<TrafficBudget> Defaults { get; } =
    [
        new(TrafficClass.CriticalAlert, TimeSpan.FromMilliseconds(100), null),
        new(TrafficClass.VitalSigns, TimeSpan.FromMilliseconds(500), 1024 * 1024),
        new(TrafficClass.DeviceStatus, TimeSpan.FromSeconds(2), 64 * 1024),
        new(TrafficClass.HistoricalData, TimeSpan.FromSeconds(10), 256 * 1024),
    ];

    public static TrafficBudget For(TrafficClass trafficClass) => Defaults[(int)trafficClass];
}
