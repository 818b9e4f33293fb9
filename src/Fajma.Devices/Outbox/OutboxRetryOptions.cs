namespace Fajma.Devices.Outbox;

/// <summary>
/// How hard one drain pass tries the oldest message before it gives up for now (the message stays queued).
/// Delays grow exponentially from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>, with jitter so a fleet coming
/// back after an outage does not retry in step; <see cref="PauseAfterStall"/> is the wait before the next pass.
/// </summary>
public sealed record OutboxRetryOptions
{
    /// <summary>Attempts per message per pass, the first included; at least 1.</summary>
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after a pass that could not deliver before <see cref="OutboxForwarder.RunAsync"/> tries again.</summary>
    public TimeSpan PauseAfterStall { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Refusals that say the message itself is bad: it is parked at once (no retry) so the queue moves on. Default:
    /// <see cref="PublishRefusal.IsMessageSpecific"/>; return false always to keep retrying every refusal.
    /// </summary>
    public Func<Transport.PublishResult, bool> ParkWhen { get; init; } = PublishRefusal.IsMessageSpecific;

    /// <summary>How many messages one read from the store takes; they are still sent one at a time, in order.</summary>
    public int BatchSize { get; init; } = 64;
}
