using System.CommandLine;
using System.Globalization;
using Fajma.Cli.Bench;
using Fajma.Cli.Commands;

namespace Fajma.Cli.Tests;

/// <summary><c>fajma bench idle</c>: a tiny real run — many quiet devices against a few busy ones at the same rate.</summary>
[Collection(ConsoleOutput.Name)]
public sealed class BenchIdleTests
{
    [Fact]
    public async Task TheQuietFleetAndTheFewBusyDevicesOfferTheSameRateAndTheReportComparesThem()
    {
        var folder = Directory.CreateTempSubdirectory("fajma-bench-test-").FullName;
        var report = Path.Combine(folder, "idle.md");

        var (exit, output) = await ConsoleOutput.CaptureAsync(() => BenchCommand.Create().Parse(
            ["idle", "--devices", "40", "--rate", "0.5", "--busy-devices", "4", "--warmup", "3", "--duration", "4", "--watchers", "2",
             "--patients-per-watcher", "10", "--central", "10", "--devices-per-generator", "15", "--report", report]).InvokeAsync());

        Assert.True(exit == 0, output);
        var markdown = await File.ReadAllTextAsync(report);
        Directory.Delete(folder, recursive: true);
        Assert.StartsWith("40 devices × 0.5 Hz = 20 msg/s", Row(markdown, "quiet fleet"), StringComparison.Ordinal);
        // Split over three generator processes (15 + 15 + 10 devices), every device connected and counted.
        Assert.EndsWith("40 connected, from 3 generator process(es)", Row(markdown, "quiet fleet"), StringComparison.Ordinal);
        Assert.StartsWith("4 devices offering the same rate (5 Hz each)", Row(markdown, "compared with"), StringComparison.Ordinal);
        // The warm-up waited for the whole fleet, and the report says how long it took to connect.
        Assert.StartsWith("within ", Row(markdown, "the quiet fleet connected, from its start"), StringComparison.Ordinal);
        // Both runs measured something, so the ratio is a number; the memory row is the difference of two real peaks.
        var ratio = Row(markdown, "throughput with the quiet fleet ÷ without (goal ≥ 90 %)");
        Assert.True(double.Parse(ratio[..ratio.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture) > 0, markdown);
        Assert.Contains(" KB (resident while measured ", Row(markdown, "server memory per extra connection (goal ≤ 30 KB)"), StringComparison.Ordinal);
        Assert.Contains("| 4 devices × 5 Hz |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 40 devices × 0.5 Hz |", markdown, StringComparison.Ordinal);
    }

    private static string Row(string markdown, string measure) =>
        markdown.Split('\n').Single(l => l.StartsWith($"| {measure} |", StringComparison.Ordinal)).Split(" | ")[1].TrimEnd(' ', '|');

    [Fact]
    public void TwoBuildsGetASummaryEachNamedForTheBuildAndEveryRunIsListed()
    {
        var quiet = new IngestSettings(100, 0.2, Mqtt: true, Tls: false, TimeSpan.Zero, TimeSpan.FromSeconds(10), 2, 10, 0, CompareMosquitto: false,
            ["/builds/a", "/builds/b"], []);
        static IngestRow Run(string name, double acked, long connected, double heldMb) =>
            new(name, false, 10, 20, acked, acked, 100, 1, 2, 3, 4, 0, 0, 0, connected, 0.1, heldMb, heldMb, 0.1, 0.1, null, null);
        var report = new IdleReport(new IdleSettings(quiet, 10),
        [
            new IdleComparison("Fajma a", Run("Fajma a: busy", 20, 10, 100), Run("Fajma a: quiet", 20, 100, 109)),
            new IdleComparison("Fajma b", Run("Fajma b: busy", 20, 10, 100), Run("Fajma b: quiet", 10, 100, 118)),
        ]);

        var markdown = report.ToMarkdown();

        var a = markdown[markdown.IndexOf("# fajma bench idle — Fajma a", StringComparison.Ordinal)..markdown.IndexOf("# fajma bench idle — Fajma b", StringComparison.Ordinal)];
        var b = markdown[markdown.IndexOf("# fajma bench idle — Fajma b", StringComparison.Ordinal)..markdown.IndexOf("## Every run", StringComparison.Ordinal)];
        // Each build's own difference: 9 MB over 90 more connections for a, 18 MB for b; a kept up, b did not.
        Assert.StartsWith("102.4 KB", Row(a, "server memory per extra connection (goal ≤ 30 KB)"), StringComparison.Ordinal);
        Assert.StartsWith("204.8 KB", Row(b, "server memory per extra connection (goal ≤ 30 KB)"), StringComparison.Ordinal);
        Assert.StartsWith("100 %", Row(a, "throughput with the quiet fleet ÷ without (goal ≥ 90 %)"), StringComparison.Ordinal);
        Assert.StartsWith("50 %", Row(b, "throughput with the quiet fleet ÷ without (goal ≥ 90 %)"), StringComparison.Ordinal);
        foreach (var run in new[] { "Fajma a: busy", "Fajma a: quiet", "Fajma b: busy", "Fajma b: quiet" })
            Assert.Contains($"| {run} |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoServerBuildsAreTakenInOrder()
    {
        var build = Path.GetDirectoryName(typeof(BenchCommand).Assembly.Location)!;

        var parse = BenchCommand.Create().Parse(["idle", "--server", build, "--server", build]);

        Assert.Empty(parse.Errors);
        Assert.Equal([build, build], parse.GetValue<string[]>("--server") ?? []);
    }

    [Theory]
    [InlineData(new[] { "--devices", "1" }, "--devices")]
    [InlineData(new[] { "--rate", "0" }, "--rate")]
    [InlineData(new[] { "--server", "/nonexistent/fajma-build" }, "--server")]
    public void AnImpossibleValueIsRefusedNamingItsOption(string[] args, string option)
    {
        var parse = BenchCommand.Create().Parse(["idle", .. args]);

        Assert.Contains(parse.Errors, e => e.Message.Contains(option, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsManyBusyDevicesAsQuietOnesIsRefusedBeforeAnythingStarts()
    {
        var (exit, output) = await ConsoleOutput.CaptureAsync(() => BenchCommand.Create().Parse(["idle", "--busy-devices", "20000"]).InvokeAsync());

        Assert.Equal(2, exit);
        Assert.Contains("--busy-devices must be fewer than --devices", output, StringComparison.Ordinal);
    }
}
