using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>
/// What <c>bench idle</c> measured: for each server build, the many quiet devices against the few busy ones, against the
/// issue's goals, then every run in full.
/// </summary>
internal sealed record IdleReport(IdleSettings Settings, IReadOnlyList<IdleComparison> Comparisons)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private IEnumerable<(string Name, string Value)> Summary(IdleComparison run)
    {
        var (q, busy, quiet) = (Settings.Quiet, run.Busy, run.Quiet);
        yield return ("quiet fleet", string.Create(C, $"{q.Devices:N0} devices × {q.RateHz:G4} Hz = {q.Devices * q.RateHz:F0} msg/s over {q.TransportName}; {quiet.Connected:N0} connected, from {q.Generators} generator process(es)"));
        yield return ("the quiet fleet connected, from its start", quiet.FleetConnectedAfter is { } after
            ? string.Create(C, $"within {after.TotalSeconds:F1} s ({q.Devices / Math.Max(after.TotalSeconds, 0.001):F0} devices/s)")
            : string.Create(C, $"not all: {quiet.Connected:N0} of {q.Devices:N0} at the end of the warm-up"));
        yield return ("compared with", string.Create(C, $"{busy.Connected:N0} devices offering the same rate ({Settings.Busy.RateHz:G4} Hz each), screens scaled to receive the same live rate"));
        yield return ("every reading acknowledged (goal: yes)", run.EveryReadingAcknowledged ? "yes"
            : string.Create(C, $"no: {quiet.Acked:F0}/s of {quiet.Offered:F0}/s; refused {quiet.Refused}, transport errors {quiet.Errors}, missed ticks {quiet.Missed}"));
        yield return ("throughput with the quiet fleet ÷ without (goal ≥ 90 %)", double.IsNaN(run.ThroughputRatio) ? "—"
            : string.Create(C, $"{run.ThroughputRatio * 100:F0} % ({quiet.Acked:F0}/s ÷ {busy.Acked:F0}/s)"));
        yield return ("live p99 device → screen, quiet / busy (goal < 50 ms)", string.Create(C, $"{quiet.P99:F1} / {busy.P99:F1} ms"));
        yield return ("server memory per extra connection (goal ≤ 30 KB)",
            string.Create(C, $"{run.KilobytesPerConnection:F1} KB (resident while measured {quiet.HeldMb:F0} MB against {busy.HeldMb:F0} MB; lifetime peaks, setup included, {quiet.PeakMb:F0} / {busy.PeakMb:F0} MB)"));
        yield return ("server CPU per message, quiet / busy", string.Create(C, $"{quiet.CpuPerMessageMicros:F0} / {busy.CpuPerMessageMicros:F0} µs"));
    }

    /// <summary>One summary per build; titled by the build only when several are compared.</summary>
    private string Title(IdleComparison run) => Comparisons.Count == 1 ? "fajma bench idle" : $"fajma bench idle — {run.Build}";

    private IngestReport Runs => new(Settings.Quiet, [.. Comparisons.SelectMany(c => new[] { c.Busy, c.Quiet })]);

    public void Print()
    {
        foreach (var run in Comparisons) ReportTable.Print(Title(run), Summary(run));
        Runs.PrintRuns(Comparisons.Count == 1 ? "both runs" : "every run");
    }

    public string ToMarkdown() =>
        string.Concat(Comparisons.Select(run => $"# {Title(run)}\n\n{ReportTable.ToMarkdown(Summary(run))}\n"))
        + $"## {(Comparisons.Count == 1 ? "Both runs" : "Every run")}\n\n{Runs.RunsMarkdown()}";
}
