using System.Globalization;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>What <c>bench ingest</c> measured, its runs side by side, printable as a console table or Markdown.</summary>
internal sealed record IngestReport(IngestSettings Settings, IReadOnlyList<IngestRow> Rows)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "run", "offered", "acknowledged", "pushed live", "live p50 / p95 / p99 / max", "refused / errors / missed ticks", "devices connected",
        "server CPU", "CPU per message", "allocated per message", "JIT share of server CPU", "GC pauses: per s / mean / share of time", "× Mosquitto", "RSS measured / peak", "generator CPU", "watchers CPU", "generator / watchers GC pauses: per s / mean", "group commits × messages",
        "alerts p50 / p99 / max: threshold; device (missed); device split at arrival: → server / server →",
    ];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public string Setup
    {
        get
        {
            var s = Settings;
            var screens = s.Doctors + s.CentralPatients == 0 ? "no watchers"
                : string.Create(C, $"{s.Doctors} doctors × ≤ {s.PatientsPerWatcher} patients + a central station of {s.CentralPatients} (SignalR, one process)");
            if (s.Probes > 0)
                screens += string.Create(C, $"; {s.Probes} probe devices turning critical again and again (MQTT) and their doctor, in the bench's process");
            return string.Create(C, $"{s.Devices} devices × {s.RateHz} Hz over {s.TransportName}; {s.Warmup.TotalSeconds:F0} s warm-up, {s.Duration.TotalSeconds:F0} s measured; {screens}; ") +
                string.Create(C, $"load generator ({s.Generators} {(s.Generators == 1 ? "process" : "processes")}) and watchers in processes of their own, on the same cores; ") +
                "CPU 1.00 = one core; CPU per message = server (or broker) CPU ÷ acknowledged messages";
        }
    }

    private IEnumerable<IReadOnlyList<string>> Cells()
    {
        var mosquitto = Rows.FirstOrDefault(r => r.IsMosquitto)?.CpuPerMessageMicros;
        foreach (var r in Rows)
        {
            yield return
            [
                r.Run, string.Create(C, $"{r.Offered:F0}/s"), string.Create(C, $"{r.Acked:F0}/s"),
                double.IsNaN(r.LivePercent) ? "—" : string.Create(C, $"{r.Live:F0}/s ({r.LivePercent:F1} %)"),
                double.IsNaN(r.P50) ? "—" : string.Create(C, $"{r.P50:F1} / {r.P95:F1} / {r.P99:F1} / {r.Max:F1} ms"),
                string.Create(C, $"{r.Refused} / {r.Errors} / {r.Missed}"), Connected(r),
                string.Create(C, $"{r.ServerCores:F2}"), double.IsNaN(r.CpuPerMessageMicros) ? "—" : string.Create(C, $"{r.CpuPerMessageMicros:F0} µs"),
                r.AllocatedPerMessage is { } allocated ? string.Create(C, $"{allocated / 1024:F1} KB") : "—",
                r.JitShare is { } jit ? string.Create(C, $"{jit * 100:F1} %") : "—",
                r.GcPauses?.ToString() ?? "—",
                mosquitto is { } m && !double.IsNaN(m) && m > 0 && !double.IsNaN(r.CpuPerMessageMicros) ? string.Create(C, $"{r.CpuPerMessageMicros / m:F1}×") : "—",
                string.Create(C, $"{r.HeldMb:F0} / {r.PeakMb:F0} MB"), string.Create(C, $"{r.GeneratorCores:F2}"), string.Create(C, $"{r.WatcherCores:F2}"),
                r.LoadGcPauses is ({ } generator, var watchers) ? $"{generator.Rate()}; {watchers?.Rate() ?? "—"}" : "—",
                r.CommitsPerSecond is { } commits ? string.Create(C, $"{commits:F0}/s × {r.MessagesPerCommit ?? 0:F1}") : "—",
                r.Alerts is var (threshold, device, toServer, fromServer, missed)
                    ? string.Create(C, $"{threshold}; {device} ({missed}); {toServer.Brief} / {fromServer.Brief}") : "—",
            ];
        }
    }

    private static string Connected(IngestRow r) => r.FleetConnectedAfter is { } after
        ? string.Create(C, $"{r.Connected} (all within {after.TotalSeconds:F1} s)")
        : string.Create(C, $"{r.Connected} (not all by the warm-up's end)");

    /// <summary>On the console the runs are the columns (a terminal is narrower than a Markdown page), still one table.</summary>
    public void Print()
    {
        PrintRuns("fajma bench ingest");
        if (IngestBuildSummary.Lines(Rows) is { Count: > 0 } builds) ReportTable.Print("each build's runs together", IngestBuildSummary.Columns, builds);
        AnsiConsole.WriteLine(Setup);
    }

    internal void PrintRuns(string title)
    {
        var cells = Cells().ToList();
        ReportTable.Print(title, ["measure", .. cells.Select(c => c[0])],
            Columns.Skip(1).Select((column, i) => (IReadOnlyList<string>)[column, .. cells.Select(c => c[i + 1])]));
    }

    public string ToMarkdown() => $"# fajma bench ingest\n\n{Setup}.\n\n{RunsMarkdown()}{BuildsMarkdown()}";

    private string BuildsMarkdown() => IngestBuildSummary.Lines(Rows) is { Count: > 0 } builds
        ? "\n## Each build's runs together\n\n" + ReportTable.ToMarkdown(IngestBuildSummary.Columns, builds)
        : "";

    internal string RunsMarkdown() => ReportTable.ToMarkdown(Columns, Cells());
}
