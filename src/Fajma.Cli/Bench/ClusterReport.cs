using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>One setup of <c>bench cluster</c>: what it stored and pushed, at what latency, for what CPU.</summary>
internal sealed record ClusterRow(string Setup, double Offered, double StoredPerSecond, double DeliveredPerSecond, double P50, double P95, double P99,
    double NodesCpuPercent, double CpuMsPerMessage, double BrokerCpuPercent, double RedisCpuPercent, double PeakNodeMemoryMb, double GeneratorCpuPercent);

/// <summary>What <c>bench cluster</c> measured: the setups side by side, as a console table or Markdown.</summary>
internal sealed record ClusterReport(int Devices, double RateHz, double Seconds, IReadOnlyList<ClusterRow> Rows)
{
    private static readonly string[] s_columns =
    [
        "setup", "offered msg/s", "stored msg/s", "pushed live msg/s", "publish → screen p50 / p95 / p99 ms", "nodes CPU % (100 = one core)",
        "node CPU ms per message", "Mosquitto CPU %", "Redis CPU %", "peak node RSS MB", "load generator CPU %",
    ];

    private IEnumerable<string[]> Cells() => Rows.Select(r => new[]
    {
        r.Setup, F(r.Offered, 0), F(r.StoredPerSecond, 0), F(r.DeliveredPerSecond, 0), $"{F(r.P50, 1)} / {F(r.P95, 1)} / {F(r.P99, 1)}",
        F(r.NodesCpuPercent, 0), F(r.CpuMsPerMessage, 3), F(r.BrokerCpuPercent, 0), F(r.RedisCpuPercent, 0), F(r.PeakNodeMemoryMb, 0), F(r.GeneratorCpuPercent, 0),
    });

    private string Title => string.Create(CultureInfo.InvariantCulture, $"fajma bench cluster: {Devices} devices × {RateHz} Hz over MQTT (Mosquitto) onto PostgreSQL, {Seconds:F0} s measured per setup");

    public void Print()
    {
        var table = new Table().Title(Title);
        foreach (var column in s_columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in Cells()) table.AddRow([.. row.Select(Markup.Escape)]);
        AnsiConsole.Write(table);
    }

    public string ToMarkdown()
    {
        var builder = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Title}\n\n| {string.Join(" | ", s_columns)} |\n|{string.Concat(s_columns.Select(_ => " --- |"))}\n");
        foreach (var row in Cells()) builder.Append(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row)} |\n");
        return builder.ToString();
    }

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
