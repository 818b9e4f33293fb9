using BenchmarkDotNet.Attributes;
using Fajma.Server.Observations.Commit;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fajma.Benchmarks;

/// <summary>
/// The product's <see cref="GroupCommitWriter"/> on a temporary SQLite file with <c>synchronous=FULL</c>: N flat readings
/// (3 sealed observations each) enqueued at once, each awaited until its commit, as N devices would. Figures are per
/// message (OperationsPerInvoke). The rows are sealed once in setup, so this is the writer's cost alone; the writer
/// decides itself how many of the N share a commit (its average batch is printed at the end).
/// </summary>
[MemoryDiagnoser]
public class WriterBenchmarks : IDisposable
{
    private readonly SqliteStore _store = new();
    private ServiceProvider? _services;
    private GroupCommitWriter? _writer;
    private ReadingWrite[] _slots = [];
    private WalCheckpointer _checkpointer = null!;
    private long _key;
    private TimeSpan _cpuAtStart;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await _store.InitializeAsync(CancellationToken.None);
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var statistics = new WriterStatistics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new NodeIdentity("bench"));
        var options = Options.Create(new StorageOptions { SqliteSynchronous = "FULL" });
        // As in the server: the log is copied back into the database beside the writer (its CPU counts in the process's).
        _checkpointer = new WalCheckpointer(_store, options, TimeProvider.System, NullLogger<WalCheckpointer>.Instance);
        await _checkpointer.StartAsync(CancellationToken.None);
        _writer = new GroupCommitWriter(_store, options, statistics, _checkpointer, NullLogger<GroupCommitWriter>.Instance);
        await _writer.StartAsync(CancellationToken.None);
        // Distinct rows per slot: the writer assigns ids on the row objects of a batch.
        var reading = Inputs.Parsed(Inputs.Flat());
        _slots = [.. Enumerable.Range(0, 512).Select(_ => ReadingWrite.Create(reading, _store.PatientId, "mqtt", Inputs.At, Inputs.DataKey))];
        _cpuAtStart = Environment.CpuUsage.TotalTime;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_writer is not null)
        {
            // Process CPU over all of this benchmark's runs (the enqueuing loop and the engine included): the writer's CPU per message.
            var statistics = _writer.Statistics;
            var writes = Math.Max(1, statistics.Writes);
            Console.WriteLine($"// writer: {statistics.Writes} messages in {statistics.Commits} commits, average batch {statistics.AverageBatch:F1}, " +
                $"{statistics.TimeCommitting.TotalMicroseconds / writes:F1} µs committing and " +
                $"{(Environment.CpuUsage.TotalTime - _cpuAtStart).TotalMicroseconds / writes:F1} µs of process CPU per message");
            await _writer.StopAsync(CancellationToken.None);
        }
        if (_checkpointer is not null) await _checkpointer.StopAsync(CancellationToken.None);
        await _store.DisposeAsync();
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _checkpointer?.Dispose();
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task OneMessage() => WriteAsync(1);

    [Benchmark(OperationsPerInvoke = 64)]
    public Task Messages64() => WriteAsync(64);

    [Benchmark(OperationsPerInvoke = 512)]
    public Task Messages512() => WriteAsync(512);

    private Task WriteAsync(int count)
    {
        var writes = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var slot = _slots[i];
            var write = slot with { Reading = slot.Reading with { MessageKey = "ts:" + (++_key).ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            writes[i] = _writer!.WriteAsync(write, CancellationToken.None);
        }
        return Task.WhenAll(writes);
    }
}
