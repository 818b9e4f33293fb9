using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>What <c>bench overload</c> measured: the run as a whole, then minute by minute.</summary>
/// <param name="Stored">Rows of the flood's devices in the store after the run; -1 when the server did not live to be asked.</param>
internal sealed record OverloadReport(
    OverloadSettings Settings, IReadOnlyList<OverloadSample> Samples, bool ServerAlive, long Acknowledged, long Stored,
    AlertReport.Latency Threshold, AlertReport.Latency Device,
    AlertReport.Latency DeviceToServer, AlertReport.Latency DeviceFromServer, int MissedAlerts, int CaughtUpAlerts, ServerDispatch? Dispatch, double PeakMb,
    IReadOnlyList<(string Labels, double Value)> ConnectionsEnded)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Readings a device was told are stored that the store does not hold.</summary>
    public long Lost => Stored < 0 ? Acknowledged : Math.Max(0, Acknowledged - Stored);

    private double Seconds => Samples.Count == 0 ? 0 : Samples[^1].At;

    private double PerSecond(Func<OverloadSample, long> of) => Seconds == 0 ? 0 : Samples.Sum(of) / Seconds;

    private IEnumerable<(string Name, string Value)> Summary()
    {
        var s = Settings;
        yield return ("load", string.Create(C, $"{s.Devices} devices × {s.RateHz} Hz over MQTT 5 QoS 1 = {s.Offered:F0} msg/s offered, {Seconds:F0} s after {s.Warmup.TotalSeconds:F0} s warm-up; generator in its own process; {s.Probes} probe devices raising alerts"));
        yield return ("server still running at the end", ServerAlive ? "yes" : "**no: it died**");
        yield return ("acknowledged / turned away (busy, retry after) per second", string.Create(C, $"{PerSecond(x => x.Acknowledged):F0} / {PerSecond(x => x.TurnedAway):F0}"));
        yield return ("refused / transport errors (whole run)", string.Create(C, $"{Samples.Sum(x => x.Refused)} / {Samples.Sum(x => x.Errors)}"));
        yield return ("device connections ended, by how (the server's count)", ConnectionsEnded.Count == 0 ? "none"
            : string.Join("; ", ConnectionsEnded.Select(e => string.Create(C, $"{e.Value:F0} {e.Labels.Replace("|", "/", StringComparison.Ordinal)}"))));
        yield return ("server CPU (1.00 = one core) / peak RSS / RSS at the end",
            string.Create(C, $"{(Samples.Count == 0 ? 0 : Samples.Average(x => x.ServerCores)):F2} / {PeakMb:F0} MB / {(Samples.Count == 0 ? 0 : Samples[^1].ResidentMb):F0} MB"));
        yield return ("threshold alert (2nd reading > 120 bpm) p50 / p99 / max", Threshold.ToString());
        yield return ("device CRITICAL_ALERT (QoS 2) p50 / p99 / max", Device.ToString());
        yield return ("device CRITICAL_ALERT split at its arrival (the alert's raise time): probe → server / server → doctor's hub, p50 / p99 / max",
            $"{DeviceToServer} / {DeviceFromServer}");
        yield return ("alerts not received within 5 s", string.Create(C, $"{MissedAlerts}"));
        yield return ("of those received, heard of only by asking after the doctor's hub reconnected (timed as late)", string.Create(C, $"{CaughtUpAlerts}"));
        yield return ("inside the server: arrival → alert leaving for browsers (its histogram, all alert events)", Dispatch?.ToString() ?? "(server gone)");
        yield return ("acknowledged to the flood / in the store after / lost",
            Stored < 0 ? string.Create(C, $"{Acknowledged} / (server gone) / unknown") : string.Create(C, $"{Acknowledged} / {Stored} / {Lost}"));
    }

    /// <summary>Minute by minute (or the whole run when shorter): the trend a leak or a slow collapse would show.</summary>
    private IEnumerable<IReadOnlyList<string>> Minutes()
    {
        foreach (var minute in Samples.GroupBy(x => (int)((x.At - 0.001) / 60)))
        {
            var n = minute.Count();
            yield return
            [
                string.Create(C, $"{minute.Key * 60}–{minute.Key * 60 + n} s"),
                string.Create(C, $"{minute.Sum(x => x.Acknowledged) / (double)n:F0}/s"), string.Create(C, $"{minute.Sum(x => x.TurnedAway) / (double)n:F0}/s"),
                string.Create(C, $"{minute.Sum(x => x.Errors)}"), string.Create(C, $"{minute.Min(x => x.Connected)}"), string.Create(C, $"{minute.Average(x => x.ServerCores):F2}"),
                string.Create(C, $"{minute.Max(x => x.ResidentMb):F0} MB"),
            ];
        }
    }

    private static readonly IReadOnlyList<string> MinuteColumns = ["span", "acknowledged", "turned away", "transport errors", "fewest devices connected", "server CPU", "max RSS"];

    public void Print()
    {
        ReportTable.Print("fajma bench overload", Summary());
        ReportTable.Print("minute by minute", MinuteColumns, Minutes());
    }

    public string ToMarkdown() =>
        $"# fajma bench overload\n\n{ReportTable.ToMarkdown(Summary())}\n## Minute by minute\n\n{ReportTable.ToMarkdown(MinuteColumns, Minutes())}";
}
