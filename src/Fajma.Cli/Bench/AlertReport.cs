using System.Globalization;
using HdrHistogram;

namespace Fajma.Cli.Bench;

/// <summary>What <c>bench alerts</c> measured: alert latency per kind under the flood, and the flood itself.</summary>
internal sealed record AlertReport(
    int Devices, double RateHz, int Probes, double Seconds,
    double OfferedPerSecond, double AcceptedPerSecond, double VitalsLivePerSecond, double VitalsP50, double VitalsP99, double VitalsMax, double Shed,
    AlertReport.Latency Threshold, AlertReport.Latency Device,
    AlertReport.Latency DeviceToServer, AlertReport.Latency DeviceFromServer, int MissedAlerts, double ServerCpuPercent, double ServerPeakMemoryMb, long TransportErrors)
{
    public sealed record Latency(long Count, double P50, double P99, double Max)
    {
        public static Latency Of(LongHistogram h) => h.TotalCount == 0 ? new(0, 0, 0, 0)
            : new(h.TotalCount, h.GetValueAtPercentile(50) / 1000.0, h.GetValueAtPercentile(99) / 1000.0, h.GetMaxValue() / 1000.0);

        /// <summary>Several probes' histograms (each locked while it is read: probes record into them) as one.</summary>
        public static Latency Of(IEnumerable<LongHistogram> histograms)
        {
            var all = new LongHistogram(60_000_000, 3);
            foreach (var h in histograms) lock (h) all.Add(h);
            return Of(all);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Brief} ({Count} alerts)");

        /// <summary>p50 / p99 / max without the count, for a part of a latency already counted.</summary>
        public string Brief => string.Create(CultureInfo.InvariantCulture, $"{P50:F1} / {P99:F1} / {Max:F1} ms");
    }

    private IEnumerable<(string Name, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("flood", string.Create(c, $"{Devices} devices × {RateHz} Hz over MQTT QoS 1, {Seconds:F0} s measured; {Probes} probe devices turning critical"));
        yield return ("flood offered / acknowledged (persisted)", string.Create(c, $"{OfferedPerSecond:F0} / {AcceptedPerSecond:F0} msg/s"));
        yield return ("flood pushed live / vitals p50 / p99 / max", string.Create(c, $"{VitalsLivePerSecond:F0} msg/s / {VitalsP50:F1} / {VitalsP99:F1} / {VitalsMax:F1} ms"));
        yield return ("live vitals shed (replaced by a newer one before sending)", string.Create(c, $"{Shed:F0}"));
        yield return ("threshold alert (2nd reading > 120 bpm) p50 / p99 / max", Threshold.ToString());
        yield return ("device CRITICAL_ALERT (QoS 2) p50 / p99 / max", Device.ToString());
        yield return ("device CRITICAL_ALERT split at its arrival (the alert's raise time): probe → server / server → doctor's hub, p50 / p99 / max",
            $"{DeviceToServer} / {DeviceFromServer}");
        yield return ("alerts not received within 5 s", string.Create(c, $"{MissedAlerts}"));
        yield return ("server CPU (100 % = one core) / peak RSS", string.Create(c, $"{ServerCpuPercent:F0} % / {ServerPeakMemoryMb:F0} MB"));
        yield return ("flood transport errors", string.Create(c, $"{TransportErrors}"));
    }

    public void Print() => ReportTable.Print("fajma bench alerts", Rows());

    public string ToMarkdown() => ReportTable.ToMarkdown(Rows());
}
