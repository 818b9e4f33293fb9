using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Fajma.Cli.Bench;

/// <summary>
/// Device publish → browser receive latency: the send time of each message is kept until its first
/// observation arrives on the hub. Microsecond resolution, 3 significant digits (HdrHistogram).
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<(string Device, string Key), long> _sentAt = new();
    private readonly LongHistogram _histogram = new(60_000_000, 3);
    private readonly Lock _lock = new();
    private long _recordFrom = long.MaxValue;
    private long _delivered;

    public long Delivered => Interlocked.Read(ref _delivered);

    public void StartRecording() => Interlocked.Exchange(ref _recordFrom, Stopwatch.GetTimestamp());

    public void Sending(string deviceId, string messageKey) => _sentAt[(deviceId, messageKey)] = Stopwatch.GetTimestamp();

    public void Received(string deviceId, string messageId)
    {
        if (!_sentAt.TryRemove((deviceId, messageId), out var sent)) return; // a later observation of the same message
        if (sent < Interlocked.Read(ref _recordFrom)) return;
        var micros = (long)Stopwatch.GetElapsedTime(sent).TotalMicroseconds;
        Interlocked.Increment(ref _delivered);
        lock (_lock) _histogram.RecordValue(Math.Min(micros, _histogram.HighestTrackableValue));
    }

    public (double P50, double P95, double P99, double Max, long Count) Snapshot()
    {
        lock (_lock)
        {
            static double Ms(long micros) => micros / 1000.0;
            return (Ms(_histogram.GetValueAtPercentile(50)), Ms(_histogram.GetValueAtPercentile(95)),
                Ms(_histogram.GetValueAtPercentile(99)), Ms(_histogram.GetMaxValue()), _histogram.TotalCount);
        }
    }
}
