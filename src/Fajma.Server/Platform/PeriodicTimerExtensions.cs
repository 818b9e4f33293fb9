namespace Fajma.Server.Platform;

public static class PeriodicTimerExtensions
{
    /// <summary>
    /// The next tick, continuing on the thread pool, never on the thread that fired the timer: ticks missed while a sweep
    /// runs then fold into one, as with the system clock — a test clock moved eight hours ahead would otherwise run a
    /// 2-second sweep 14,400 times inline, one per period, before the test's next line.
    /// </summary>
    public static async ValueTask<bool> NextTickAsync(this PeriodicTimer timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) return false;
        await Task.Yield();
        return true;
    }
}
