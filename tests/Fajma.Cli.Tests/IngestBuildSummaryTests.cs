using Fajma.Cli.Bench;

namespace Fajma.Cli.Tests;

public sealed class IngestBuildSummaryTests
{
    private static IngestRow Row(string run, double cores, double allocated, double p99, bool mosquitto = false) =>
        new(run, mosquitto, Seconds: 40, Offered: 2000, Acked: 2000, Live: 2000, LivePercent: 100, P50: 2, P95: 6, P99: p99, Max: 20,
            Refused: 0, Errors: 0, Missed: 0, Connected: 1000, ServerCores: cores, HeldMb: 300, PeakMb: 320, GeneratorCores: 0.2,
            WatcherCores: 0.1, CommitsPerSecond: 400, MessagesPerCommit: 5) { AllocatedPerMessage = allocated };

    private static readonly IngestSettings Settings = new(1000, 2, Mqtt: true, Tls: false, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40),
        Watchers: 50, PatientsPerWatcher: 20, Central: 100, CompareMosquitto: true, Servers: ["A", "B", "A", "B"], ServerArgs: []);

    [Fact]
    public void BuildsRunInTurnAreTakenTogetherAndComparedWithTheFirstByTheirMeans()
    {
        // A B A B, as an A/B run alternates them: 0.5 and 0.6 cores are 250 and 300 µs a message at 2,000/s.
        IngestRow[] rows =
        [
            Row("Fajma A", 0.5, 7_000, 10), Row("Fajma B", 0.45, 6_300, 8),
            Row("Fajma A", 0.6, 7_200, 12), Row("Fajma B", 0.55, 6_500, 9),
            Row("Mosquitto 2 (1 subscriber, QoS 1)", 0.04, double.NaN, 3, mosquitto: true),
        ];

        var lines = IngestBuildSummary.Lines(rows);

        Assert.Equal(2, lines.Count); // Mosquitto is not a build
        Assert.Equal(["Fajma A", "2", "275 µs (250 – 300)", "0.0 %", "6.93 KB", "0.0 %", "11.0 ms"], lines[0]);
        Assert.Equal(["Fajma B", "2", "250 µs (225 – 275)", "-9.1 %", "6.25 KB", "-9.9 %", "8.5 ms"], lines[1]);

        var markdown = new IngestReport(Settings, rows).ToMarkdown();
        Assert.Contains("## Each build's runs together", markdown);
        Assert.Contains("| Fajma B | 2 | 250 µs (225 – 275) | -9.1 % |", markdown);
    }

    [Fact]
    public void ReportsWhereNoBuildRanTwiceHaveNoSummary()
    {
        IngestRow[] rows = [Row("Fajma A", 0.5, 7_000, 10), Row("Fajma B", 0.45, 6_300, 8)];

        Assert.Empty(IngestBuildSummary.Lines(rows));
        Assert.DoesNotContain("runs together", new IngestReport(Settings, rows).ToMarkdown());
    }
}
