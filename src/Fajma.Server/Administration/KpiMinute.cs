namespace Fajma.Server.Administration;

/// <summary>
/// One minute of this node's traffic, filled by <see cref="KpiRecorder"/>: counts, bytes, latency samples (at most
/// <see cref="MaxSamples"/>, a uniform reservoir beyond), and the fleet gauges as last sampled. Guarded by its own lock.
/// </summary>
internal sealed class KpiMinute(long minute)
{
    public const int MaxSamples = 2048;

    public long Minute { get; } = minute;
    public long Received { get; set; }
    public long Acknowledged { get; set; }
    public long Rejected { get; set; }
    public long Implausible { get; set; }
    public long BytesIn { get; set; }
    public long BytesOut { get; set; }
    public List<double> PushLatencies { get; } = [];
    public long PushSeen { get; set; }
    public List<double> CommitLatencies { get; } = [];
    public long CommitSeen { get; set; }
    public int? ActiveDevices { get; set; }
    public int? RegisteredDevices { get; set; }
    public int? Consultations { get; set; }

    /// <summary>Algorithm R: every sample of the minute has the same chance to be kept, so the p95 stays unbiased under load.</summary>
    public static void Sample(List<double> kept, long seen, double value)
    {
        if (kept.Count < MaxSamples) kept.Add(value);
        else if (Random.Shared.NextInt64(seen) is var slot && slot < MaxSamples) kept[(int)slot] = value;
    }
}
