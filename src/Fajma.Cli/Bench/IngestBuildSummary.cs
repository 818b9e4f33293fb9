using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>
/// The runs of each build given more than once (<c>--server A --server B --server A --server B</c>), taken together: on a
/// shared machine one build's rows differ by ±12 %, so two builds are compared by their means beside their own spread,
/// never by a single pair of rows. Allocation per message hardly moves between rows and shows a change that CPU hides.
/// </summary>
internal static class IngestBuildSummary
{
    public static readonly IReadOnlyList<string> Columns =
        ["build", "runs", "CPU per message: mean (min – max)", "against the first build", "allocated per message: mean", "against the first build", "live p99: mean"];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>One line per build in the order first run, or none when no build ran twice (nothing to take together).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Lines(IReadOnlyList<IngestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builds = rows.Where(r => !r.IsMosquitto).GroupBy(r => r.Run).ToList();
        if (!builds.Any(b => b.Count() > 1)) return [];
        var first = Figures(builds[0]);
        return [.. builds.Select(b =>
        {
            var f = Figures(b);
            return (IReadOnlyList<string>)
            [
                b.Key, b.Count().ToString(C),
                double.IsNaN(f.Cpu) ? "—" : string.Create(C, $"{f.Cpu:F0} µs ({f.CpuMin:F0} – {f.CpuMax:F0})"),
                Against(f.Cpu, first.Cpu),
                f.Allocated is { } a ? string.Create(C, $"{a / 1024:F2} KB") : "—",
                f.Allocated is { } mine && first.Allocated is { } theirs ? Against(mine, theirs) : "—",
                double.IsNaN(f.P99) ? "—" : string.Create(C, $"{f.P99:F1} ms"),
            ];
        })];
    }

    private static string Against(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline <= 0 ? "—" : string.Create(C, $"{(value / baseline - 1) * 100:+0.0;-0.0;0.0} %");

    private static (double Cpu, double CpuMin, double CpuMax, double? Allocated, double P99) Figures(IEnumerable<IngestRow> runs)
    {
        var cpu = runs.Select(r => r.CpuPerMessageMicros).Where(v => !double.IsNaN(v)).ToList();
        var allocated = runs.Select(r => r.AllocatedPerMessage).OfType<double>().ToList();
        var p99 = runs.Select(r => r.P99).Where(v => !double.IsNaN(v)).ToList();
        return (cpu.Count == 0 ? double.NaN : cpu.Average(), cpu.Count == 0 ? double.NaN : cpu.Min(), cpu.Count == 0 ? double.NaN : cpu.Max(),
            allocated.Count == 0 ? null : allocated.Average(), p99.Count == 0 ? double.NaN : p99.Average());
    }
}
