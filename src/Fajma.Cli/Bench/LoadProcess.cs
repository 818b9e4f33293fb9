using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>What the generator and watcher processes share: stats lines on stdout, and a <c>stop</c> (or a closed stdin) to end.</summary>
internal static class LoadProcess
{
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

    private static void Print(IEnumerable<(string Name, long Value)> stats) =>
        Console.Out.WriteLine("stats " + string.Join(' ', stats.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}={s.Value}"))));
}
