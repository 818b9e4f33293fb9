using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>
/// The server's garbage collections in a measured span (<c>dotnet_gc_collections_total</c>, <c>dotnet_gc_pause_time_seconds_total</c>).
/// A collection stops every managed thread, so its pause lands on the latency of each reading in flight: how often and how
/// long is what a screen's p99 can owe to memory rather than to the pipeline.
/// </summary>
internal sealed record GcPauses(double Collections, double PauseSeconds, double SpanSeconds)
{
    public double PerSecond => SpanSeconds <= 0 ? 0 : Collections / SpanSeconds;

    public double MeanMilliseconds => Collections <= 0 ? 0 : PauseSeconds / Collections * 1000;

    public double TimeShare => SpanSeconds <= 0 ? 0 : PauseSeconds / SpanSeconds;

    /// <summary>How often and how long, without the share of time (a figure summed over processes would read as one's).</summary>
    public string Rate() => string.Create(CultureInfo.InvariantCulture, $"{PerSecond:F2}/s / {MeanMilliseconds:F1} ms");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{PerSecond:F2}/s / {MeanMilliseconds:F1} ms / {TimeShare * 100:F1} %");
}
