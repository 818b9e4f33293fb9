namespace Fajma.Devices.Clock;

/// <summary>
/// A device's clock as the server reads time: the local clock plus the correction <see cref="ServerTimeSync"/> measured.
/// Timers and elapsed time stay the local clock's (a correction must never make a period longer or shorter).
/// </summary>
public sealed class SyncedClock(TimeProvider local) : TimeProvider
{
    private long _correctionTicks;

    /// <summary>What is added to the local clock's wall time; zero until the first sync.</summary>
    public TimeSpan Correction
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _correctionTicks));
        set => Interlocked.Exchange(ref _correctionTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => local.GetUtcNow() + Correction;

    public override long GetTimestamp() => local.GetTimestamp();

    public override long TimestampFrequency => local.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => local.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        local.CreateTimer(callback, state, dueTime, period);

    /// <summary>Measures the correction against the server now and applies it; returns it with the round trip it was measured over.</summary>
    public async Task<(TimeSpan Correction, TimeSpan RoundTrip)> SyncAsync(HttpClient http, Uri server, CancellationToken cancellationToken = default)
    {
        var measured = await ServerTimeSync.MeasureAsync(http, server, local, cancellationToken: cancellationToken);
        Correction = measured.Correction;
        return measured;
    }
}
