using System.Diagnostics;
using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>
/// A load process of the bench (<c>fajma bench generate</c> or <c>fajma bench watch</c>), so its CPU is its own. It says
/// <c>ready</c> once set up and <c>stats name=value …</c> a few times a second on stdout; <c>stop</c> on its stdin ends it.
/// </summary>
internal sealed class BenchChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _errors = new();
    private volatile Dictionary<string, long> _stats = [];

    private BenchChild(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    /// <summary>The child's latest counters.</summary>
    public long Stat(string name) => _stats.TryGetValue(name, out var value) ? value : 0;

    public TimeSpan CpuTime() => ProcessCpu.Of(_process.Id);

    public static BenchChild Start(string name, IEnumerable<string> args)
    {
        var start = FajmaLauncher.StartInfo(null, args);
        LoadProcess.SleepIdleWorkers(start);
        var process = Process.Start(start)!;
        var child = new BenchChild(name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (child._errors) child._errors.AppendLine(e.Data); };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => child._ready.TrySetException(new InvalidOperationException($"{name} exited with code {process.ExitCode}: {child.Errors()}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>What the child wrote on stderr (its last transport errors, by kind), for the report's reader.</summary>
    public string Errors()
    {
        lock (_errors) return _errors.ToString().Trim();
    }

    private void OnLine(string? line)
    {
        if (line == "ready") _ready.TrySetResult();
        else if (line?.StartsWith("stats ", StringComparison.Ordinal) == true)
            _stats = line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
                .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
    }

    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _ready.Task.WaitAsync(timeout, cancellationToken);

    /// <summary>Asks the child to finish (write its files) and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited) return;
        await _process.StandardInput.WriteLineAsync("stop".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (_process.ExitCode != 0) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}: {Errors()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
