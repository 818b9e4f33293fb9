using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>Reads counters from the server's Prometheus endpoint (<c>/metrics</c>).</summary>
internal sealed class ServerMetrics
{
    private readonly string[] _lines;

    private ServerMetrics(string text) => _lines = text.Split('\n');

    /// <summary>Every counter as exported at one instant: one request, however many counters are then read from it.</summary>
    public static async Task<ServerMetrics> FetchAsync(HttpClient http, Uri server, CancellationToken cancellationToken) =>
        new(await http.GetStringAsync(new Uri(server, "/metrics"), cancellationToken));

    /// <summary>The counter summed over all its series.</summary>
    public static async Task<double> ReadAsync(HttpClient http, Uri server, string name, CancellationToken cancellationToken) =>
        (await FetchAsync(http, server, cancellationToken)).Sum(name);

    /// <summary>Each series of the counter: its labels as exported (<c>{how="NotClean",…}</c>) and its value.</summary>
    public static async Task<IReadOnlyList<(string Labels, double Value)>> SeriesAsync(HttpClient http, Uri server, string name, CancellationToken cancellationToken) =>
        (await FetchAsync(http, server, cancellationToken)).Series(name);

    public double Sum(string name) => Series(name).Sum(s => s.Value);

    /// <summary>
    /// The sum of a counter every server exports from its start (the runtime's own): a name missing from the text is a bench
    /// that reads the wrong name, which a silent zero would hide in every report.
    /// </summary>
    public double Required(string name)
    {
        var series = Series(name);
        return series.Count > 0 ? series.Sum(s => s.Value) : throw new InvalidOperationException($"The server's /metrics has no '{name}'.");
    }

    public IReadOnlyList<(string Labels, double Value)> Series(string name) =>
    [
        .. _lines
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
            .Select(l => (l[name.Length..l.LastIndexOf(' ')].Trim(), double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))),
    ];
}
