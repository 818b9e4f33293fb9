using System.CommandLine;
using Fajma.Cli.Commands;

namespace Fajma.Cli.Tests;

/// <summary><c>fajma bench ingest</c> as the lead runs it: a tiny real run's report, and options refused by name.</summary>
[Collection(ConsoleOutput.Name)]
public sealed class BenchIngestTests
{
    [Fact]
    public async Task ATinyRunReportsFajmaAndMosquittoSideBySide()
    {
        var (markdown, lines, output) = await RunAsync("--devices", "5", "--rate", "2", "--warmup", "2", "--duration", "2", "--watchers", "2",
            "--patients-per-watcher", "2", "--central", "3", "--compare-mosquitto");

        Assert.Equal(4, lines.Count); // header, separator, Fajma, Mosquitto
        foreach (var column in (string[])["acknowledged", "live p50 / p95 / p99 / max", "server CPU", "CPU per message", "× Mosquitto", "generator CPU", "watchers CPU", "generator / watchers GC pauses: per s / mean"])
            Assert.Contains($"| {column} |", lines[0]);
        Assert.StartsWith("| Fajma (this build) |", lines[2]);
        Assert.StartsWith("| Mosquitto", lines[3]);
        // A server seconds old is still compiling its hot paths: the row says how much of its CPU that was; a broker has no such counter.
        string Cell(string line, string column) =>
            line.Split(" | ")[Array.IndexOf(lines[0].Split(" | "), column)];
        var jit = Cell(lines[2], "JIT share of server CPU");
        Assert.EndsWith(" %", jit);
        Assert.True(double.Parse(jit[..^2], System.Globalization.CultureInfo.InvariantCulture) > 0, jit);
        Assert.Equal("—", Cell(lines[3], "JIT share of server CPU"));
        // The collector's stops, from the server's own counters (read by name: a name it does not export fails the run).
        Assert.Matches(@"^\d+\.\d\d/s / \d+\.\d ms / \d+\.\d %$", Cell(lines[2], "GC pauses: per s / mean / share of time"));
        Assert.Equal("—", Cell(lines[3], "GC pauses: per s / mean / share of time"));
        // What the server allocated per acknowledged message, from its runtime's own counter; a broker reports none.
        var allocated = Cell(lines[2], "allocated per message");
        Assert.Matches(@"^\d+\.\d KB$", allocated);
        Assert.True(double.Parse(allocated[..^3], System.Globalization.CultureInfo.InvariantCulture) > 0, allocated);
        Assert.Equal("—", Cell(lines[3], "allocated per message"));
        Assert.Contains("2 doctors × ≤ 2 patients + a central station of 3", markdown);
        Assert.Contains("CPU per message", output);
    }

    [Fact]
    public async Task OverHttpsEachDevicePostsWithItsOwnCertificateAndEveryPostIsAcknowledged()
    {
        var (markdown, lines, _) = await RunAsync("--transport", "http", "--tls", "--devices", "3", "--rate", "2", "--warmup", "2", "--duration", "2",
            "--watchers", "1", "--patients-per-watcher", "3", "--central", "0");

        string Cell(string column) => lines[2].Split(" | ")[Array.IndexOf(lines[0].Split(" | "), column)];
        Assert.Contains("over HTTPS with client certificates", markdown);
        Assert.StartsWith("0 / 0 / ", Cell("refused / errors / missed ticks")); // a certificate the server did not take would be refused
        Assert.NotEqual("0/s", Cell("acknowledged"));
    }

    [Fact]
    public async Task ScreensOnMessagePackSeeTheReadingsLiveInARowOfTheirOwn()
    {
        var (_, lines, _) = await RunAsync("--devices", "3", "--rate", "2", "--warmup", "2", "--duration", "2", "--watchers", "1",
            "--patients-per-watcher", "3", "--central", "0", "--live-protocol", "messagepack");

        Assert.StartsWith("| Fajma (this build), screens on messagepack |", lines[2]);
        var pushed = lines[2].Split(" | ")[Array.IndexOf(lines[0].Split(" | "), "pushed live")];
        Assert.DoesNotMatch(@"^0/s", pushed); // the watchers read the MessagePack events, or nothing would count as seen live
    }

    [Fact]
    public async Task ProbesBesideTheFleetTimeTheirAlertsAndARunWithoutThemSaysNone()
    {
        var (markdown, lines, _) = await RunAsync("--devices", "4", "--rate", "2", "--warmup", "2", "--duration", "3", "--watchers", "1",
            "--patients-per-watcher", "4", "--central", "0", "--probes", "1");

        static string[] Cells(string line) => [.. line.Split('|').Select(c => c.Trim())];
        var alerts = Cells(lines[2])[Array.IndexOf(Cells(lines[0]), "alerts p50 / p99 / max: threshold; device (missed); device split at arrival: → server / server →")];
        var timed = System.Text.RegularExpressions.Regex.Match(alerts,
            @"^[\d.]+ / [\d.]+ / [\d.]+ ms \((\d+) alerts\); [\d.]+ / [\d.]+ / [\d.]+ ms \((\d+) alerts\) \((\d+)\); [\d.]+ / [\d.]+ / [\d.]+ ms / [\d.]+ / [\d.]+ / [\d.]+ ms$");
        Assert.True(timed.Success, alerts);
        Assert.True(timed.Groups[1].Value != "0" && timed.Groups[2].Value != "0", alerts); // both kinds heard within the span
        Assert.Equal("0", timed.Groups[3].Value); // none given up on
        Assert.Contains("1 probe devices turning critical", markdown);

        var (_, without, _) = await RunAsync("--devices", "2", "--rate", "2", "--warmup", "1", "--duration", "1", "--watchers", "1",
            "--patients-per-watcher", "2", "--central", "0");
        Assert.EndsWith("| — |", without[2]);
    }

    /// <summary>A real <c>bench ingest</c> with these options: its Markdown report, the report's table lines, and the console's output.</summary>
    private static async Task<(string Markdown, List<string> Lines, string Output)> RunAsync(params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("fajma-bench-test-").FullName;
        try
        {
            var report = Path.Combine(folder, "ingest.md");
            var (exit, output) = await ConsoleOutput.CaptureAsync(() => BenchCommand.Create().Parse(["ingest", .. options, "--report", report]).InvokeAsync());
            Assert.True(exit == 0, output);
            var markdown = await File.ReadAllTextAsync(report);
            return (markdown, [.. markdown.Split('\n').Where(l => l.StartsWith('|'))], output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--live-protocol", "xml")]
    [InlineData("--devices", "0")]
    [InlineData("--rate", "0")]
    [InlineData("--patients-per-watcher", "0")]
    [InlineData("--watchers", "-1")]
    [InlineData("--server", "/nonexistent/fajma-build")]
    public void AnImpossibleValueIsRefusedNamingItsOption(string option, string value)
    {
        var parse = BenchCommand.Create().Parse(["ingest", option, value]);

        Assert.Contains(parse.Errors, e => e.Message.Contains(option, StringComparison.Ordinal));
    }

    [Fact]
    public void TwoServersMakeTwoRowsAndServerSettingsPassThrough()
    {
        var build = Path.GetDirectoryName(typeof(BenchCommand).Assembly.Location)!;

        var parse = BenchCommand.Create().Parse(["ingest", "--server", build, "--Storage:SqliteSynchronous=NORMAL", "--server", build]);

        Assert.Empty(parse.Errors);
        Assert.Equal([build, build], parse.GetValue<string[]>("--server") ?? []);
        Assert.Equal(["--Storage:SqliteSynchronous=NORMAL"], parse.UnmatchedTokens);
    }

    [Fact]
    public void MosquittoIsComparedOverPlainMqttOnly()
    {
        var parse = BenchCommand.Create().Parse(["ingest", "--compare-mosquitto", "--transport", "http"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--compare-mosquitto", StringComparison.Ordinal));
    }
}
