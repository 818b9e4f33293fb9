using System.Diagnostics;
using Fajma.Cli.Simulation;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// <c>fajma bench overload</c>: a fleet offering far more than the server can take (the generator in its own process)
/// for minutes, while probe devices raise alerts. Samples the server every second — alive, resident memory, CPU — and
/// reports what was acknowledged, what was turned away ("busy, retry after"), alert latency under it, and at the end
/// whether every reading a device was told is stored is in the store.
/// </summary>
internal static class OverloadBenchmark
{
    public static async Task<OverloadReport> RunAsync(OverloadSettings settings, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("fajma-bench-overload-").FullName;
        try
        {
            return await RunAsync(settings, directory, cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<OverloadReport> RunAsync(OverloadSettings settings, string directory, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(settings.ServerArgs, cancellationToken);
        using var http = new HttpClient();
        await FleetRegistration.SignInAsync(http, server.Url, ServerProcess.AdminEmail, ServerProcess.AdminPassword, cancellationToken);
        var (flood, probing) = await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("registering devices", maxValue: settings.Devices + settings.Probes);
            var f = await FleetRegistration.RegisterAsync(http, server.Url, "FLOOD", settings.Devices, true, new Progress<int>(n => task.Value = n), cancellationToken);
            var p = await FleetRegistration.RegisterAsync(http, server.Url, "PROBE", settings.Probes, true,
                new Progress<int>(n => task.Value = settings.Devices + n), cancellationToken);
            return (f, p);
        });

        await using var probes = await ProbeDoctor.ConnectAsync(http, server.Url, server.MqttPort, probing, cancellationToken);

        var plan = new LoadPlan(server.Url.ToString(), "127.0.0.1", server.MqttPort, Mqtt: true, settings.RateHz, Path.Combine(directory, "sent.tsv"),
            [.. flood.Select(d => new PlannedDevice(d.DeviceId, d.Secret))], []);
        plan.Save(Path.Combine(directory, "generate.json"));
        await using var generator = BenchChild.Start("the generator (bench generate)", ["bench", "generate", "--plan", Path.Combine(directory, "generate.json")]);
        await generator.WaitReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);

        probes.Start();
        Task<SortedDictionary<double, double>>? dispatchAtStart = null;
        var samples = await SampleAsync(settings, server, generator, () =>
        {
            probes.Recording = true;
            dispatchAtStart = ServerDispatch.ReadAsync(http, server.Url, cancellationToken);
        }, cancellationToken);
        probes.Recording = false;
        var alive = !server.HasExited;
        var dispatch = alive && dispatchAtStart is not null
            ? ServerDispatch.Between(await dispatchAtStart, await ServerDispatch.ReadAsync(http, server.Url, cancellationToken)) : null;
        // Read before the fleet stops: its own end would count as thousands of connections dropped.
        var ended = alive ? await ServerMetrics.SeriesAsync(http, server.Url, "fajma_ingest_mqtt_sessions_ended_total", cancellationToken) : [];

        await generator.StopAsync(cancellationToken);
        await probes.StopAsync();
        var acknowledged = generator.Stat("accepted");
        // What the devices were told is stored, against the store itself (the server still running, read beside it).
        var stored = alive ? await CountStoredAsync(server.DataDirectory, "FLOOD-%", cancellationToken) : -1;
        foreach (var (message, count) in server.Warnings().Take(10))
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]server ({count} ×):[/] {message}");
        foreach (var line in generator.Errors().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]generator:[/] {line}");
        return new OverloadReport(settings, samples, alive, acknowledged, stored,
            probes.Threshold, probes.Device, probes.DeviceToServer, probes.DeviceFromServer, probes.Missed, probes.CaughtUp, dispatch, server.PeakMemoryBytes() / 1024.0 / 1024.0, ended);
    }

    /// <summary>Warm-up, then one sample a second for the run's duration (or until the server dies).</summary>
    private static async Task<IReadOnlyList<OverloadSample>> SampleAsync(OverloadSettings settings, ServerProcess server, BenchChild generator,
        Action startRecording, CancellationToken cancellationToken)
    {
        var samples = new List<OverloadSample>();
        var clock = Stopwatch.StartNew();
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new RemainingTimeColumn()).StartAsync(async ctx =>
        {
            var warm = ctx.AddTask("warm-up", maxValue: settings.Warmup.TotalSeconds);
            while (!warm.IsFinished && !server.HasExited)
            {
                await Task.Delay(250, cancellationToken);
                warm.Value = clock.Elapsed.TotalSeconds;
                warm.Description = $"warm-up, {generator.Stat("connected"):N0} devices connected";
            }
            startRecording();
            clock.Restart();
            var main = ctx.AddTask("overload", maxValue: settings.Duration.TotalSeconds);
            var previous = Take(0, server, generator);
            while (!main.IsFinished && !server.HasExited)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                var now = Take(clock.Elapsed.TotalSeconds, server, generator);
                samples.Add(now with
                {
                    Acknowledged = now.Acknowledged - previous.Acknowledged, TurnedAway = now.TurnedAway - previous.TurnedAway,
                    Errors = now.Errors - previous.Errors, Refused = now.Refused - previous.Refused,
                    ServerCores = (now.ServerCores - previous.ServerCores) / (now.At - previous.At),
                });
                previous = now;
                main.Value = now.At;
                main.Description = $"overload: {samples[^1].Acknowledged:N0}/s acked, {samples[^1].TurnedAway:N0}/s turned away, {samples[^1].ResidentMb:F0} MB";
            }
        });
        return samples;
    }

    /// <summary>Running totals at one instant; <see cref="SampleAsync"/> turns them into per-second differences.</summary>
    private static OverloadSample Take(double at, ServerProcess server, BenchChild generator) =>
        new(at, generator.Stat("accepted"), generator.Stat("busy"), generator.Stat("errors"), generator.Stat("refused"), generator.Stat("connected"),
            server.CpuTime().TotalSeconds, ProcessCpu.ResidentMemoryBytes(server.ProcessId) / 1024.0 / 1024.0);

    private static async Task<long> CountStoredAsync(string dataDirectory, string devicePattern, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "fajma.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var count = new SqliteCommand("SELECT COUNT(*) FROM ingested_messages WHERE device_id LIKE $pattern", connection);
        count.Parameters.AddWithValue("$pattern", devicePattern);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
