namespace Fajma.Devices.Relay;

/// <summary>What a relay did with the strap's notifications; safe to read while it runs.</summary>
public sealed class BleRelayStatistics
{
    private long _received;
    private long _malformed;
    private long _skipped;
    private long _batches;

    /// <summary>Notifications read from the strap.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Values the 0x2A37 parser refused (cut short for their flags).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Readings not relayed: no skin contact, or a rate outside the plausible range.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Batches sealed into the outbox.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public string? LastMalformed { get; private set; }

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void CountMalformed(string why)
    {
        Interlocked.Increment(ref _malformed);
        LastMalformed = why;
    }

    internal void CountSkipped() => Interlocked.Increment(ref _skipped);

    internal void CountBatch() => Interlocked.Increment(ref _batches);
}
