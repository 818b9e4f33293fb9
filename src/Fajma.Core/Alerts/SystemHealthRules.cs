namespace Fajma.Core.Alerts;

/// <summary>
/// The platform's own health limits (seed 000 §6.2 <c>SystemMonitor.alert_thresholds</c>): connection quality under
/// 0.7, data loss over 5 %, average latency over 1000 ms, more than 2 device failures. Checked like a patient's
/// signs — two checks in a row to raise, back inside by the hysteresis to resolve — so one bad sample pages no one.
/// </summary>
public static class SystemHealthRules
{
    public const string ConnectionQuality = "connection_quality";
    public const string DataLossRate = "data_loss_rate";
    public const string LatencyAverage = "latency_avg";
    public const string DeviceFailures = "device_failures";

    public static IReadOnlyList<ThresholdRule> All { get; } =
    [
        new(ConnectionQuality, Above: false, 0.7, AlertSeverity.Major, Hysteresis: 0.05),
        new(DataLossRate, Above: true, 0.05, AlertSeverity.Major, Hysteresis: 0.01),
        new(LatencyAverage, Above: true, 1000, AlertSeverity.Major, Hysteresis: 200),
        new(DeviceFailures, Above: true, 2, AlertSeverity.Major, Hysteresis: 1),
    ];
}
