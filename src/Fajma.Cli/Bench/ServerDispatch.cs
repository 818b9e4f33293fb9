using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>
/// The server's own view of its alerts: <c>fajma_alerts_dispatch_milliseconds</c> (a message's arrival to its alert leaving for
/// browsers), read at the start and the end of a run. Beside the probes' end-to-end figure it says whether the time went inside
/// the server or before and after it (the socket, the thread pool that reads it, the doctor's client).
/// </summary>
internal sealed record ServerDispatch(long Count, double P50AtMost, double P99AtMost, long Within100Ms)
{
    private const string Buckets = "fajma_alerts_dispatch_milliseconds_bucket";

    /// <summary>Cumulative counts by upper bound (<c>le</c>), summed over nodes.</summary>
    public static async Task<SortedDictionary<double, double>> ReadAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        var byBound = new SortedDictionary<double, double>();
        foreach (var (labels, value) in await ServerMetrics.SeriesAsync(http, server, Buckets, cancellationToken))
        {
            var at = labels.IndexOf("le=\"", StringComparison.Ordinal);
            if (at < 0) continue;
            var text = labels[(at + 4)..labels.IndexOf('"', at + 4)];
            var bound = text == "+Inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);
            byBound[bound] = byBound.GetValueOrDefault(bound) + value;
        }
        return byBound;
    }

    /// <summary>What was recorded between the two readings; the percentiles known only to the bucket that holds them.</summary>
    public static ServerDispatch Between(SortedDictionary<double, double> start, SortedDictionary<double, double> end)
    {
        var counts = end.Select(e => (Bound: e.Key, Count: (long)(e.Value - start.GetValueOrDefault(e.Key)))).ToList();
        var total = counts.Count == 0 ? 0 : counts[^1].Count;
        double AtMost(double share) => total == 0 ? 0 : counts.First(c => c.Count >= total * share).Bound;
        var within = counts.Where(c => c.Bound <= 100).Select(c => c.Count).DefaultIfEmpty(0).Max();
        return new ServerDispatch(total, AtMost(0.5), AtMost(0.99), within);
    }

    public override string ToString() => Count == 0 ? "none recorded"
        : string.Create(CultureInfo.InvariantCulture, $"p50 ≤ {P50AtMost:0.#} ms, p99 ≤ {P99AtMost:0.#} ms; {Within100Ms} of {Count} within 100 ms");
}
