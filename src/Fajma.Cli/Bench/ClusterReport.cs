using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>One setup of <c>bench cluster</c>: what it stored and pushed, at what latency, for what CPU.</summary>
internal sealed record ClusterRow(string Setup, double Offered, double StoredPerSecond, double DeliveredPerSecond, double P50, double P95, double P99,
    double NodesCpuPercent, double CpuMsPerMessage, double BrokerCpuPercent, double RedisCpuPercent, double PeakNodeMemoryMb, double GeneratorCpuPercent);

/// <summary>What <c>bench cluster</c> measured: the setups side by side, as a console table or Markdown.</summary>
internal sealed record ClusterReport(int Devices, double RateHz, double Seconds, IReadOnlyList<ClusterRow> Rows, IReadOnlyList<CallRow> Calls)
{
    private static readonly string[] s_columns =
    [
        "setup", "offered msg/s", "stored msg/s", "pushed live msg/s", "publish → screen p50 / p95 / p99 ms", "nodes CPU % (100 = one core)",
        "node CPU ms per message", "Mosquitto CPU %", "Redis CPU %", "peak node RSS MB", "load generator CPU %",
    ];

    private static readonly string[] s_callColumns =
    [
        "setup", "call (8 clients, closed loop, over every node)", "calls/s", "p50 / p99 ms", "nodes CPU % (100 = one core)", "node CPU ms per call",
        "Redis CPU %", "failed", "load generator CPU %",
    ];

    private IEnumerable<string[]> CallCells() => Calls.Select(c => new[]
    {
        c.Setup, c.Call, F(c.PerSecond, 0), $"{F(c.P50, 2)} / {F(c.P99, 2)}", F(c.NodesCpuPercent, 0), F(c.CpuMsPerCall, 3), F(c.RedisCpuPercent, 0),
        c.Failed.ToString(CultureInfo.InvariantCulture), F(c.GeneratorCpuPercent, 0),
    });

    private IEnumerable<string[]> Cells() => Rows.Select(r => new[]
    {
        r.Setup, F(r.Offered, 0), F(r.StoredPerSecond, 0), F(r.DeliveredPerSecond, 0), $"{F(r.P50, 1)} / {F(r.P95, 1)} / {F(r.P99, 1)}",
        F(r.NodesCpuPercent, 0), F(r.CpuMsPerMessage, 3), F(r.BrokerCpuPercent, 0), F(r.RedisCpuPercent, 0), F(r.PeakNodeMemoryMb, 0), F(r.GeneratorCpuPercent, 0),
    });

    private const string CallsTitle = "API requests and hub calls, the fleet stopped (rate limits raised so the limiter is asked, never refuses)";

    private string Title => string.Create(CultureInfo.InvariantCulture, $"fajma bench cluster: {Devices} devices × {RateHz} Hz over MQTT (Mosquitto) onto PostgreSQL, {Seconds:F0} s measured per setup");

    public void Print()
    {
        Write(Title, s_columns, Cells());
        Write(CallsTitle, s_callColumns, CallCells());

        static void Write(string title, string[] columns, IEnumerable<string[]> rows)
        {
            var table = new Table().Title(Markup.Escape(title));
            foreach (var column in columns) table.AddColumn(Markup.Escape(column));
            foreach (var row in rows) table.AddRow([.. row.Select(Markup.Escape)]);
            AnsiConsole.Write(table);
        }
    }

    public string ToMarkdown()
    {
        var builder = new StringBuilder();
        Append(Title, s_columns, Cells());
        Append(CallsTitle, s_callColumns, CallCells());
        return builder.ToString();

        void Append(string title, string[] columns, IEnumerable<string[]> rows)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{title}\n\n| {string.Join(" | ", columns)} |\n|{string.Concat(columns.Select(_ => " --- |"))}\n");
            foreach (var row in rows) builder.Append(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row)} |\n");
            builder.Append('\n');
        }
    }

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
