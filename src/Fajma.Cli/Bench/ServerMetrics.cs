using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>Reads counters from the server's Prometheus endpoint (<c>/metrics</c>).</summary>
internal static class ServerMetrics
{
    public static async Task<double> ReadAsync(HttpClient http, Uri server, string name, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(server, "/metrics"), cancellationToken);
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
