namespace Fajma.Cli.Bench;

/// <summary>
/// The simulated fleet split over generator processes (<c>bench generate</c>) of at most so many devices each
/// (<see cref="DefaultDevicesPerProcess"/> unless told): one process holding tens of thousands of connections stalls on its own timers and thread pool, and a
/// process may hold only so many sockets (<c>ulimit -n</c>). Counters and CPU are the sum of the processes'; each writes
/// its own send times.
/// </summary>
internal sealed class GeneratorFleet : IAsyncDisposable
{
    public const int DefaultDevicesPerProcess = 5000;

    private readonly List<BenchChild> _processes;

    private GeneratorFleet(List<BenchChild> processes, IReadOnlyList<string> sendTimes) => (_processes, SendTimes) = (processes, sendTimes);

    /// <summary>One file per process: each message's send time.</summary>
    public IReadOnlyList<string> SendTimes { get; }

    public int Processes => _processes.Count;

    /// <summary>Starts the processes, each with its share of <paramref name="plan"/>'s devices, and waits until all are ready.</summary>
    public static async Task<GeneratorFleet> StartAsync(LoadPlan plan, int devicesPerProcess, Func<string, string> named, CancellationToken cancellationToken)
    {
        var shares = plan.Devices.Chunk(devicesPerProcess).ToList();
        var processes = new List<BenchChild>();
        var times = new List<string>();
        var fleet = new GeneratorFleet(processes, times);
        try
        {
            foreach (var (share, i) in shares.Select((s, i) => (s, i)))
            {
                var suffix = shares.Count == 1 ? "" : $"-{i + 1}";
                times.Add(named($"sent{suffix}.tsv"));
                (plan with { Devices = share, Watchers = [], TimesFile = times[^1], FirstIndex = i * devicesPerProcess }).Save(named($"generate{suffix}.json"));
                processes.Add(BenchChild.Start($"the generator{suffix} (bench generate)", ["bench", "generate", "--plan", named($"generate{suffix}.json")]));
            }
            foreach (var process in processes) await process.WaitReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>A counter summed over the processes (devices connected, readings acknowledged, thread-pool threads…).</summary>
    public long Stat(string name) => _processes.Sum(p => p.Stat(name));

    /// <summary>What the processes wrote on stderr (failed connections and transport errors, by kind), one line each.</summary>
    public IEnumerable<string> Errors() =>
        _processes.SelectMany(p => p.Errors().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $"{p.Name}: {line}"));

    public TimeSpan CpuTime() => _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime());

    /// <summary>Asks every process to finish (write its send times) and waits for all.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(_processes.Select(p => p.StopAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
    }
}
