using Microsoft.Extensions.Time.Testing;

namespace Fajma.Devices.Tests.Outbox;

/// <summary>
/// A fake clock that says when someone starts waiting on it: advancing before the timer exists would let the wait
/// start after the jump and never end, so a test first awaits <see cref="TimerStartedAsync"/>, then advances.
/// </summary>
internal sealed class WatchedClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TaskCompletionSource> _waiters = [];
    private int _unclaimed;

    public FakeTimeProvider Fake { get; } = new();

    /// <summary>Completes once a timer due after a positive time has been created (at once if one already was, and not yet claimed).</summary>
    public Task TimerStartedAsync()
    {
        lock (_gate)
        {
            if (_unclaimed > 0)
            {
                _unclaimed--;
                return Task.CompletedTask;
            }
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(signal);
            return signal.Task;
        }
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                if (_waiters.Count > 0)
                {
                    _waiters[0].TrySetResult();
                    _waiters.RemoveAt(0);
                }
                else
                {
                    _unclaimed++;
                }
            }
        }
        return timer;
    }
}
