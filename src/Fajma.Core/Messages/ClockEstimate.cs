namespace Fajma.Core.Messages;

/// <summary>
/// A device clock's estimated offset from the server's (device minus server; positive = ahead) in milliseconds, from
/// its in-step messages (<see cref="ClockOffsetEstimator"/>). <see cref="Doubtful"/>: beyond the seed's 1 s tolerance, so the
/// device's timestamps cannot be trusted to place its readings (000 §2.3B: max drift 100 ms, tolerance 1 s).
/// </summary>
public sealed record ClockEstimate(long OffsetMilliseconds)
{
    /// <summary>The seed's tolerance: beyond it, a reading's device time is doubtful.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    /// <summary>The seed's target drift: beyond it (and within the tolerance) the device should sync, nothing is flagged.</summary>
    public static readonly TimeSpan MaxDrift = TimeSpan.FromMilliseconds(100);

    public bool Doubtful => Math.Abs(OffsetMilliseconds) > Tolerance.TotalMilliseconds;

    public bool Drifting => Math.Abs(OffsetMilliseconds) > MaxDrift.TotalMilliseconds;
}
