namespace Fajma.Cli.Bench;

/// <summary>
/// One server build under <c>bench idle</c>: its run with the few busy devices and its run with the many quiet ones, and
/// what the difference says about the cost of connections.
/// </summary>
internal sealed record IdleComparison(string Build, IngestRow Busy, IngestRow Quiet)
{
    /// <summary>Acknowledged per second with the quiet fleet against the same rate from the busy devices (goal ≥ 90 %).</summary>
    public double ThroughputRatio => Busy.Acked <= 0 ? double.NaN : Quiet.Acked / Busy.Acked;

    /// <summary>
    /// The server's extra resident memory per extra connection while the fleets run, in KB (goal ≤ 30). Not the lifetime
    /// peaks, which may come from the setup (registering thousands of devices through the API in a burst) rather than from
    /// holding the connections.
    /// </summary>
    public double KilobytesPerConnection => (Quiet.HeldMb - Busy.HeldMb) * 1024 / Math.Max(1, Quiet.Connected - Busy.Connected);

    /// <summary>Nothing refused, no transport error, no tick missed, and (within 1 %) every offered reading acknowledged.</summary>
    public bool EveryReadingAcknowledged => Quiet.Refused == 0 && Quiet.Errors == 0 && Quiet.Missed == 0 && Quiet.Acked >= Quiet.Offered * 0.99;
}
