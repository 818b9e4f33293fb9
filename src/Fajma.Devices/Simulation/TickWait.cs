using System.Threading.Tasks.Sources;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Simulation;

/// <summary>
/// A device loop's wait between readings, one per loop and reused for every tick: one timer and one cancellation
/// registration for the loop's life. A fresh <c>Task.Delay</c> per tick (its timer, promise and registration) lived the whole
/// period, so in a fleet of thousands of quiet devices every one was copied up by the process's next collection: a bench
/// generator paused tens of milliseconds for them, and counted the pause as the server's latency.
/// </summary>
/// <remarks>
/// A wait ends when its delay elapses (false), when the device's <see cref="DeviceControl"/> changed since the last wait
/// began (true: a command to act on at once), or when the loop is cancelled. One wait at a time.
/// </remarks>
internal sealed class TickWait : IValueTaskSource<bool>, IDisposable
{
    private readonly TimeProvider _time;
    private readonly DeviceControl? _control;
    private readonly CancellationToken _stop;
    private readonly CancellationTokenRegistration _stopped;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private Armed _armed;
    private long _seenVersion;
    private int _waits;
    private int _waiting; // the open wait's number, 0 when none is open

    public TickWait(TimeProvider time, DeviceControl? control, CancellationToken stop)
    {
        _time = time;
        _control = control;
        _stop = stop;
        _seenVersion = control?.Version ?? 0;
        _armed = new Armed(this);
        if (control is not null) control.Changed += OnChanged;
        _stopped = stop.UnsafeRegister(static s => ((TickWait)s!).CompleteOpen(changed: false, stopped: true), this);
    }

    /// <summary>Waits <paramref name="delay"/> (infinite: until the control changes); true when woken by a change.</summary>
    public ValueTask<bool> WaitAsync(TimeSpan delay)
    {
        _stop.ThrowIfCancellationRequested();
        _core.Reset();
        var wait = ++_waits == 0 ? ++_waits : _waits;
        Volatile.Write(ref _waiting, wait);
        // Read once the wait is open: a change landing in between is either seen here or completes the wait itself.
        var version = _control?.Version ?? 0;
        if (version != Interlocked.Exchange(ref _seenVersion, version)) Complete(wait, changed: true, stopped: false);
        else if (_stop.IsCancellationRequested) Complete(wait, changed: false, stopped: true);
        else if (delay != Timeout.InfiniteTimeSpan) _armed.Arm(wait, delay);
        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>Ends the open wait; with none open, the next wait's version check sees the change.</summary>
    private void OnChanged()
    {
        if (Volatile.Read(ref _waiting) is var wait and not 0) Complete(wait, changed: true, stopped: false, seen: _control!.Version);
    }

    private void CompleteOpen(bool changed, bool stopped)
    {
        if (Volatile.Read(ref _waiting) is var wait and not 0) Complete(wait, changed, stopped);
    }

    /// <param name="seen">The control's version this wake answers, recorded only if it ends the wait (a wait that
    /// elapsed meanwhile leaves the change to the next one).</param>
    private void Complete(int wait, bool changed, bool stopped, long? seen = null)
    {
        if (Interlocked.CompareExchange(ref _waiting, 0, wait) != wait) return;
        if (seen is { } version) Volatile.Write(ref _seenVersion, version);
        if (changed || stopped)
        {
            // Its timer may be firing this very moment: the next wait gets a new one, and that late callback finds its
            // wait closed. A wait that elapsed leaves its timer spent, free to arm again.
            var old = _armed;
            _armed = new Armed(this);
            old.Dispose();
        }
        if (stopped) _core.SetException(new OperationCanceledException(_stop));
        else _core.SetResult(changed);
    }

    public bool GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void Dispose()
    {
        _stopped.Dispose();
        if (_control is not null) _control.Changed -= OnChanged;
        _armed.Dispose();
    }

    /// <summary>A timer and the wait it was last armed for.</summary>
    private sealed class Armed : IDisposable
    {
        private readonly TickWait _owner;
        private readonly ITimer _timer;
        private int _wait;

        public Armed(TickWait owner)
        {
            _owner = owner;
            _timer = owner._time.CreateTimer(static s => ((Armed)s!).Elapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Arm(int wait, TimeSpan delay)
        {
            Volatile.Write(ref _wait, wait);
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        private void Elapsed() => _owner.Complete(Volatile.Read(ref _wait), changed: false, stopped: false);

        public void Dispose() => _timer.Dispose();
    }
}
