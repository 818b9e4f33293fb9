using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>What <c>bench ingest</c> measured, printable as a console table or Markdown.</summary>
internal sealed record IngestReport(
    int Devices, double RateHz, string Transport, double Seconds,
    double OfferedPerSecond, double AcceptedPerSecond, double DeliveredPerSecond,
    double P50, double P95, double P99, double Max,
    long Refused, long TransportErrors, long MissedTicks,
    double ServerCpuPercent, double ServerPeakMemoryMb, double GeneratorCpuPercent, double CommitsPerSecond, double MessagesPerCommit)
{
    private IEnumerable<(string Name, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("devices × rate", string.Create(c, $"{Devices} × {RateHz} Hz over {Transport}, {Seconds:F0} s measured"));
        yield return ("offered", string.Create(c, $"{OfferedPerSecond:F0} msg/s"));
        yield return ("acknowledged (persisted)", string.Create(c, $"{AcceptedPerSecond:F0} msg/s"));
        yield return ("pushed live (first observation of each message)", string.Create(c, $"{DeliveredPerSecond:F0} msg/s"));
        yield return ("publish → SignalR receive p50 / p95 / p99 / max", string.Create(c, $"{P50:F1} / {P95:F1} / {P99:F1} / {Max:F1} ms"));
        yield return ("refused / transport errors / missed ticks", string.Create(c, $"{Refused} / {TransportErrors} / {MissedTicks}"));
        yield return ("server CPU (100 % = one core) / peak RSS", string.Create(c, $"{ServerCpuPercent:F0} % / {ServerPeakMemoryMb:F0} MB"));
        yield return ("group commits / messages per commit", string.Create(c, $"{CommitsPerSecond:F0}/s / {MessagesPerCommit:F1}"));
        yield return ("load generator CPU (same machine)", string.Create(c, $"{GeneratorCpuPercent:F0} %"));
    }

    public void Print() => ReportTable.Print("fajma bench ingest", Rows());

    public string ToMarkdown() => ReportTable.ToMarkdown(Rows());
}
