namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// Messages taken from MQTT and not yet answered (committed and acknowledged, or given back). A drain waits until none
/// is left, so what a node accepted before it stopped taking messages is finished rather than resent.
/// </summary>
public sealed class InFlightMessages
{
    /// <summary>
    /// The clock of a drain: it waits on sockets and the broker, so it is the wall clock, not the host's injected one
    /// (tests move that by hand, and a stop would then wait for the host's shutdown timeout).
    /// </summary>
    public static TimeProvider Clock => TimeProvider.System;

    private int _count;
    private long _entered;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count => Volatile.Read(ref _count);

    public void Enter()
    {
        Interlocked.Increment(ref _count);
        Interlocked.Increment(ref _entered);
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0) Volatile.Read(ref _idle).TrySetResult();
    }

    /// <summary>Entered, then not taken after all (the node is stopping): as if it had never entered.</summary>
    public void Abandon()
    {
        Interlocked.Decrement(ref _entered);
        Exit();
    }

    /// <summary>
    /// True once nothing is in flight and nothing new entered while <paramref name="barrier"/> ran (for a client of an
    /// external broker, a round trip: what the broker released in answer to our acknowledgements arrives before its reply,
    /// and is waited for until it reached the handler). False if <paramref name="deadline"/> came first.
    /// </summary>
    public async Task<bool> SettledAsync(Func<CancellationToken, Task> barrier, CancellationToken deadline)
    {
        while (await IdleAsync(deadline))
        {
            var entered = Interlocked.Read(ref _entered);
            try
            {
                await barrier(deadline);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return Count == 0;
            }
            if (Count == 0 && Interlocked.Read(ref _entered) == entered) return true;
        }
        return false;
    }

    /// <summary>True once no message is in flight; false if <paramref name="deadline"/> came first.</summary>
    public async Task<bool> IdleAsync(CancellationToken deadline)
    {
        while (Count > 0)
        {
            var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // A full fence before reading the count again: an Exit that reaches zero after this sees the new signal.
            Interlocked.Exchange(ref _idle, idle);
            if (Count == 0) break;
            try
            {
                await idle.Task.WaitAsync(deadline);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return false;
            }
        }
        return true;
    }
}
