using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>Reads counters from the server's Prometheus endpoint (<c>/metrics</c>).</summary>
internal static class ServerMetrics
{
    /// <summary>The counter summed over all its series.</summary>
    public static async Task<double> ReadAsync(HttpClient http, Uri server, string name, CancellationToken cancellationToken) =>
        (await SeriesAsync(http, server, name, cancellationToken)).Sum(s => s.Value);

    /// <summary>Each series of the counter: its labels as exported (<c>{how="NotClean",…}</c>) and its value.</summary>
    public static async Task<IReadOnlyList<(string Labels, double Value)>> SeriesAsync(HttpClient http, Uri server, string name, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(server, "/metrics"), cancellationToken);
        return [.. text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
            .Select(l => (l[name.Length..l.LastIndexOf(' ')].Trim(), double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))];
    }
}
