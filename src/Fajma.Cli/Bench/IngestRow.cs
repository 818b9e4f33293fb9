namespace Fajma.Cli.Bench;

/// <summary>One measured run of <c>bench ingest</c>: a Fajma build, or Mosquitto relaying the same load.</summary>
/// <param name="LivePercent">Share of the messages sent by watched devices whose first observation reached a watcher.</param>
/// <param name="ServerCores">The server's (or broker's) CPU over the measured span, 1 = one core.</param>
/// <param name="HeldMb">The most resident memory sampled during the measured span: what the running fleet holds, whatever
/// the setup's peak (registering thousands of devices through the API in a burst).</param>
/// <param name="PeakMb">The process's lifetime peak (VmHWM), setup included.</param>
internal sealed record IngestRow(
    string Run, bool IsMosquitto, double Seconds, double Offered, double Acked, double Live, double LivePercent,
    double P50, double P95, double P99, double Max,
    long Refused, long Errors, long Missed, long Connected,
    double ServerCores, double HeldMb, double PeakMb, double GeneratorCores, double WatcherCores,
    double? CommitsPerSecond, double? MessagesPerCommit)
{
    /// <summary>
    /// The share of the server's CPU in the measured span that went to compiling code (the runtime's JIT time): a server
    /// still tiering its hot methods up is not yet in its steady state, and a row with a large share needs a longer warm-up.
    /// </summary>
    public double? JitShare { get; init; }

    /// <summary>The collector's stops in the span: every one holds each reading in flight for as long as it lasts.</summary>
    public GcPauses? GcPauses { get; init; }

    /// <summary>
    /// The load processes' own collections in the span (every generator process together; the watchers, when any): the
    /// latency is timed in them, so their pauses are in it too, and a tail they explain is not the server's.
    /// </summary>
    public (GcPauses Generator, GcPauses? Watchers)? LoadGcPauses { get; init; }

    /// <summary>
    /// Managed memory the server allocated per acknowledged message, in bytes: unlike CPU time it hardly moves with what else
    /// the shared machine runs, so two builds' figures can be compared however noisy the hour; the collector's work follows it.
    /// </summary>
    public double? AllocatedPerMessage { get; init; }

    /// <summary>
    /// From the load's start until every device was connected (the connection storm of a fleet coming up at once, as after
    /// a restart); null when some were still not connected by the end of the warm-up.
    /// </summary>
    public TimeSpan? FleetConnectedAfter { get; init; }

    /// <summary>
    /// Alerts raised by probe devices during the span (<c>--probes</c>), publish → the probes' doctor's hub: the threshold
    /// rule's and the devices' own, the latter split at its arrival (the alert's raise time, the server's clock): the probe → the
    /// server, the server → the doctor's hub; null when the run had no probes.
    /// </summary>
    public (AlertReport.Latency Threshold, AlertReport.Latency Device, AlertReport.Latency ToServer, AlertReport.Latency FromServer, int Missed)? Alerts { get; init; }

    /// <summary>Server CPU seconds per acknowledged message, in µs.</summary>
    public double CpuPerMessageMicros => Acked <= 0 ? double.NaN : ServerCores / Acked * 1e6;
}
