using System.CommandLine;
using Fajma.Cli.Commands;

namespace Fajma.Cli.Tests;

/// <summary><c>fajma bench overload</c>: a tiny real run against a node with little room, so it is overloaded at once.</summary>
[Collection(ConsoleOutput.Name)]
public sealed class BenchOverloadTests
{
    [Fact]
    public async Task ANodeWithLittleRoomTurnsDevicesAwayLosesNothingAndTheReportSaysSo()
    {
        var folder = Directory.CreateTempSubdirectory("fajma-bench-test-").FullName;
        var report = Path.Combine(folder, "overload.md");

        // Two readings in flight at most: 20 devices at 20 Hz meet a full node, whatever the machine's speed.
        var (exit, output) = await ConsoleOutput.CaptureAsync(() => BenchCommand.Create().Parse(
            ["overload", "--devices", "20", "--rate", "20", "--probes", "1", "--warmup", "2", "--duration", "4", "--report", report,
             "--Ingestion:MaxInFlight=2"]).InvokeAsync());

        Assert.True(exit == 0, output);
        var markdown = await File.ReadAllTextAsync(report);
        Directory.Delete(folder, recursive: true);
        Assert.Contains("| server still running at the end | yes |", markdown);
        var turnedAway = Row(markdown, "acknowledged / turned away (busy, retry after) per second").Split(" / ");
        Assert.True(double.Parse(turnedAway[0], System.Globalization.CultureInfo.InvariantCulture) > 0, markdown);
        Assert.True(double.Parse(turnedAway[1], System.Globalization.CultureInfo.InvariantCulture) > 0, markdown);
        var loss = Row(markdown, "acknowledged to the flood / in the store after / lost").Split(" / ");
        Assert.Equal("0", loss[2]);
        Assert.True(long.Parse(loss[1], System.Globalization.CultureInfo.InvariantCulture) >= long.Parse(loss[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("## Minute by minute", markdown);
        // Every device alert timed end to end is also timed in its two halves, split where its message reached the server.
        var device = Row(markdown, "device CRITICAL_ALERT (QoS 2) p50 / p99 / max");
        var alerts = device[device.LastIndexOf('(')..];
        var split = Row(markdown, "device CRITICAL_ALERT split at its arrival (the alert's raise time): probe → server / server → doctor's hub, p50 / p99 / max");
        Assert.Equal(2, split.Split(alerts).Length - 1);
    }

    private static string Row(string markdown, string measure) =>
        markdown.Split('\n').Single(l => l.StartsWith($"| {measure} |", StringComparison.Ordinal)).Split(" | ")[1].TrimEnd(' ', '|');

    [Theory]
    [InlineData("--devices", "0")]
    [InlineData("--rate", "0")]
    [InlineData("--probes", "0")]
    [InlineData("--duration", "abc")]
    public void AnImpossibleValueIsRefusedNamingItsOption(string option, string value)
    {
        var parse = BenchCommand.Create().Parse(["overload", option, value]);

        Assert.Contains(parse.Errors, e => e.Message.Contains(option, StringComparison.Ordinal));
    }
}
