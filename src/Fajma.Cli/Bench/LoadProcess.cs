using System.Diagnostics;
using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>What the generator and watcher processes share: stats lines on stdout, and a <c>stop</c> (or a closed stdin) to end.</summary>
internal static class LoadProcess
{
    private const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>
    /// A load process's idle pool workers sleep at once instead of spinning: on cores shared with the server, their yields
    /// ran ahead of its runnable threads (a scheduler trace, docs/performance.md, issue 15, twenty-eighth session). Unless
    /// the bench's caller set the spin itself; the server is never started this way.
    /// </summary>
    public static void SleepIdleWorkers(ProcessStartInfo child)
    {
        ArgumentNullException.ThrowIfNull(child);
        child.Environment.TryAdd(SpinLimitVariable, "0");
    }

    /// <summary>The same for the bench's own process (its probes and their doctor): the pool reads it as it starts its first worker, so call this first.</summary>
    public static void SleepIdleWorkersHere()
    {
        if (Environment.GetEnvironmentVariable(SpinLimitVariable) is null)
            AppContext.SetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", 0);
    }

    /// <summary>Prints <c>stats …</c> every 250 ms until <c>stop</c> arrives on stdin, then cancels the run.</summary>
    public static async Task ReportUntilStoppedAsync(Func<IEnumerable<(string Name, long Value)>> stats, CancellationTokenSource run)
    {
        var stdin = Task.Run(async () =>
        {
            using var input = Console.OpenStandardInput();
            using var reader = new StreamReader(input);
            while (await reader.ReadLineAsync(run.Token) is { } line && line != "stop") { }
        });
        while (!stdin.IsCompleted && !run.IsCancellationRequested)
        {
            Print(stats());
            await Task.WhenAny(stdin, Task.Delay(250, run.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        }
        Print(stats());
        await run.CancelAsync();
    }

    /// <summary>
    /// This process's own collections and the time they held its threads: a generator's pause delays the sends it timed, a
    /// watcher's the receipts, so the bench shows them beside the latency they add to.
    /// </summary>
    public static IEnumerable<(string Name, long Value)> CollectorStats() =>
        [("gcs", GC.CollectionCount(0)), ("gc_pause_us", (long)GC.GetTotalPauseDuration().TotalMicroseconds)];

    private static void Print(IEnumerable<(string Name, long Value)> stats) =>
        Console.Out.WriteLine("stats " + string.Join(' ', stats.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}={s.Value}"))));
}
