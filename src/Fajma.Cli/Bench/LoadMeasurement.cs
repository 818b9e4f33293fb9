using System.Diagnostics;
using HdrHistogram;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// Measures one run whose load processes are already going: warm-up, then the measured span, reading every process's CPU
/// from /proc at both ends and the server's resident memory through it; then stops the generator and the watchers and
/// joins their files into publish → first receipt latency (HdrHistogram, µs, 3 digits) for the messages sent within the span.
/// </summary>
internal sealed class LoadMeasurement(IngestSettings settings, GeneratorFleet generator, BenchChild? watcher, int serverPid, IReadOnlySet<string> watchedDevices)
{
    /// <summary>The server's own counters (group commits, writes, JIT time, collections); null for a broker that has none.</summary>
    public Func<CancellationToken, Task<ServerCounters>>? ServerCounters { get; init; }

    /// <summary>Told true when the measured span begins and false when it ends (the probes time their alerts within it).</summary>
    public Action<bool>? Measuring { get; init; }

    public async Task<IngestRow> RunAsync(string label, bool mosquitto, IReadOnlyList<string> sendTimes, string receiptTimes, CancellationToken cancellationToken)
    {
        Snapshot? started = null;
        long held = 0;
        TimeSpan? fleetConnected = null;
        var clock = Stopwatch.StartNew();
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var warm = ctx.AddTask($"{label}: warm-up", maxValue: settings.Warmup.TotalSeconds);
                while (true)
                {
                    var connected = generator.Stat("connected");
                    if (fleetConnected is null && connected >= settings.Devices) fleetConnected = clock.Elapsed;
                    warm.MaxValue = WarmupEnd(fleetConnected).TotalSeconds;
                    warm.Value = Math.Min(clock.Elapsed.TotalSeconds, warm.MaxValue);
                    warm.Description = $"{label}: warm-up, {connected:N0} devices connected";
                    if (warm.IsFinished) break;
                    await Task.Delay(250, cancellationToken);
                }
                started = await SnapshotAsync(cancellationToken);
                Measuring?.Invoke(true);
                clock.Restart();
                var main = ctx.AddTask($"{label}: measuring", maxValue: settings.Duration.TotalSeconds);
                while (!main.IsFinished)
                {
                    await Task.Delay(250, cancellationToken);
                    held = Math.Max(held, ProcessCpu.ResidentMemoryBytes(serverPid));
                    main.Value = clock.Elapsed.TotalSeconds;
                    main.Description = $"{label}: {generator.Stat("accepted") - started.Accepted:N0} acked, {watcher?.Stat("received") ?? 0:N0} seen live";
                }
            });
        var start = started!;
        // Counted before stopping: what the end of the run cuts short is not a transport error.
        var end = await SnapshotAsync(cancellationToken);
        Measuring?.Invoke(false);
        var peak = ProcessCpu.PeakMemoryBytes(serverPid);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture,
            $"[grey]{label}: generator ({generator.Processes} process(es)) thread pool {generator.Stat("threads")} threads, {generator.Stat("queued")} work items queued at the end[/]");
        await generator.StopAsync(cancellationToken);
        foreach (var line in generator.Errors()) AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]{label}: {line}[/]");
        if (watcher is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // the last messages' live events are still on their way
            await watcher.StopAsync(cancellationToken);
        }
        var seconds = Stopwatch.GetElapsedTime(start.At, end.At).TotalSeconds;
        var (histogram, live, watchedSent) = Join(sendTimes, receiptTimes, start.At, end.At);
        double Ms(double percentile) => histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;
        var commits = end.Counters.Commits - start.Counters.Commits;
        var serverCpu = (end.Server - start.Server).TotalSeconds;
        return new IngestRow(label, mosquitto, seconds, settings.Devices * settings.RateHz, (end.Accepted - start.Accepted) / seconds,
            live / seconds, watchedSent == 0 ? double.NaN : 100.0 * live / watchedSent,
            Ms(50), Ms(95), Ms(99), histogram.TotalCount == 0 ? double.NaN : histogram.GetMaxValue() / 1000.0,
            end.Refused - start.Refused, end.Errors - start.Errors, end.Missed - start.Missed, generator.Stat("connected"),
            serverCpu / seconds, held / 1024.0 / 1024.0, peak / 1024.0 / 1024.0,
            (end.Generator - start.Generator).TotalSeconds / seconds, (end.Watcher - start.Watcher).TotalSeconds / seconds,
            ServerCounters is null ? null : commits / seconds, ServerCounters is null || commits == 0 ? null : (end.Counters.Writes - start.Counters.Writes) / commits)
        {
            AllocatedPerMessage = ServerCounters is null || end.Accepted == start.Accepted ? null
                : (end.Counters.AllocatedBytes - start.Counters.AllocatedBytes) / (end.Accepted - start.Accepted),
            JitShare = ServerCounters is null || serverCpu <= 0 ? null : (end.Counters.JitSeconds - start.Counters.JitSeconds) / serverCpu,
            GcPauses = ServerCounters is null ? null : new GcPauses(end.Counters.Collections - start.Counters.Collections,
                end.Counters.GcPauseSeconds - start.Counters.GcPauseSeconds, seconds),
            LoadGcPauses = (Between(start.GeneratorGc, end.GeneratorGc, seconds), watcher is null ? null : Between(start.WatcherGc, end.WatcherGc, seconds)),
            FleetConnectedAfter = fleetConnected,
        };
    }

    /// <summary>Once the whole fleet is connected, this long again before measuring: the stragglers' first readings settle.</summary>
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(10);

    /// <summary>The most a warm-up is stretched past <c>--warmup</c> for a fleet still connecting; past it the run is measured as it is.</summary>
    private static readonly TimeSpan LongestStretch = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The warm-up lasts <c>--warmup</c>, and longer while the fleet is still connecting: a span measured during the storm
    /// of connections measures the storm, not the steady state.
    /// </summary>
    private TimeSpan WarmupEnd(TimeSpan? fleetConnected) => fleetConnected is { } at
        ? TimeSpan.FromTicks(Math.Max(settings.Warmup.Ticks, (at + Settling).Ticks))
        : settings.Warmup + LongestStretch;

    private sealed record Snapshot(long At, long Accepted, long Refused, long Errors, long Missed,
        TimeSpan Server, TimeSpan Generator, TimeSpan Watcher, ServerCounters Counters, (long Count, long PauseMicros) GeneratorGc, (long Count, long PauseMicros) WatcherGc);

    private static GcPauses Between((long Count, long PauseMicros) start, (long Count, long PauseMicros) end, double seconds) =>
        new(end.Count - start.Count, (end.PauseMicros - start.PauseMicros) / 1e6, seconds);

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var counters = ServerCounters is null ? Bench.ServerCounters.None : await ServerCounters(cancellationToken);
        return new Snapshot(Stopwatch.GetTimestamp(), generator.Stat("accepted"), generator.Stat("refused"), generator.Stat("errors"), generator.Stat("missed"),
            ProcessCpu.Of(serverPid), generator.CpuTime(), watcher?.CpuTime() ?? TimeSpan.Zero, counters,
            (generator.Stat("gcs"), generator.Stat("gc_pause_us")), (watcher?.Stat("gcs") ?? 0, watcher?.Stat("gc_pause_us") ?? 0));
    }

    /// <summary>Latency of each message a watched device sent within the span, to its first receipt by any watcher.</summary>
    private (LongHistogram Histogram, long Live, long WatchedSent) Join(IReadOnlyList<string> sendTimes, string receiptTimes, long from, long to)
    {
        var histogram = new LongHistogram(60_000_000, 3);
        var receipts = MessageTimes.Read(receiptTimes);
        long live = 0, watchedSent = 0;
        foreach (var (message, sent) in sendTimes.SelectMany(MessageTimes.Read))
        {
            if (sent < from || sent > to || !watchedDevices.Contains(message.Device)) continue;
            watchedSent++;
            if (!receipts.TryGetValue(message, out var received) || received < sent) continue;
            live++;
            histogram.RecordValue(Math.Min((long)Stopwatch.GetElapsedTime(sent, received).TotalMicroseconds, histogram.HighestTrackableValue));
        }
        return (histogram, live, watchedSent);
    }
}
