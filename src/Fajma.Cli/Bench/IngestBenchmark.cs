using System.Diagnostics;
using Fajma.Cli.Simulation;
using Fajma.Devices.Transport;
using Fajma.Devices.Simulation;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// Drives a fresh server process with simulated devices while one SignalR client watches every
/// patient, and measures what a doctor would notice: how many messages are stored and pushed live,
/// and how long from a device's publish to the browser's receive.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<IngestReport> RunAsync(int devices, double rate, bool mqtt, bool tls, TimeSpan warmup, TimeSpan duration,
        IReadOnlyList<string> serverArgs, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(serverArgs, cancellationToken);
        using var http = new HttpClient();
        await FleetRegistration.SignInAsync(http, server.Url, ServerProcess.AdminEmail, ServerProcess.AdminPassword, cancellationToken);
        var registered = await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("registering devices", maxValue: devices);
            return await FleetRegistration.RegisterAsync(http, server.Url, "BENCH", devices, mqtt,
                new Progress<int>(n => task.Value = n), cancellationToken);
        });

        var latency = new LatencyRecorder();
        // The watcher is a doctor whose care team holds every simulated patient.
        var doctorToken = await BenchDoctor.CreateAsync(http, server.Url, registered.Select(r => r.PatientId), cancellationToken);
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(server.Url, "/hubs/monitoring"),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(doctorToken)).Build();
        hub.On<BenchObservation>("observation", o => latency.Received(o.DeviceId, o.MessageId));
        await hub.StartAsync(cancellationToken);
        foreach (var patientId in registered.Select(r => r.PatientId).Distinct())
            await hub.InvokeAsync("SubscribePatient", patientId, cancellationToken);

        var fleet = new DeviceFleet(
            registered.Select((d, i) => FleetFactory.Create(d.DeviceId, mqtt, server.Url, "127.0.0.1",
                tls ? server.MqttTlsPort : server.MqttPort, http, i, TimeProvider.System, d.Secret, episodesPerHour: 0,
                tls: tls ? DeviceTlsIdentity.FromPem(d.Bundle.CertificatePem, d.Bundle.KeyPem, d.Bundle.CaPem) : null)).ToList(),
            rate, TimeProvider.System)
        {
            OnSending = latency.Sending,
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = fleet.RunAsync(stop.Token);

        long acceptedAtStart = 0, refusedAtStart = 0, errorsAtStart = 0, missedAtStart = 0;
        TimeSpan cpuAtStart = default, generatorAtStart = default;
        double commitsAtStart = 0, writesAtStart = 0;
        var measured = Stopwatch.StartNew();
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var warm = ctx.AddTask("warm-up", maxValue: warmup.TotalSeconds);
                while (!warm.IsFinished) { await Task.Delay(250, cancellationToken); warm.Value = measured.Elapsed.TotalSeconds; }
                var s = fleet.Statistics;
                (acceptedAtStart, refusedAtStart, errorsAtStart, missedAtStart) = (s.Accepted, s.Refused, s.Errors, s.MissedTicks);
                cpuAtStart = server.CpuTime();
                commitsAtStart = await ServerMetrics.ReadAsync(http, server.Url, "fajma_writer_commits_total", cancellationToken);
                writesAtStart = await ServerMetrics.ReadAsync(http, server.Url, "fajma_writer_writes_total", cancellationToken);
                generatorAtStart = Process.GetCurrentProcess().TotalProcessorTime;
                latency.StartRecording();
                measured.Restart();
                var main = ctx.AddTask("measuring", maxValue: duration.TotalSeconds);
                while (!main.IsFinished)
                {
                    await Task.Delay(250, cancellationToken);
                    main.Value = measured.Elapsed.TotalSeconds;
                    main.Description = $"measuring: {fleet.Statistics.Accepted - acceptedAtStart:N0} acked, {latency.Delivered:N0} live";
                }
            });
        var seconds = measured.Elapsed.TotalSeconds;
        var stats = fleet.Statistics;
        var accepted = stats.Accepted - acceptedAtStart;
        // Counted before stopping the fleet: what the end of the run cuts short is not a transport error.
        var (refused, errors, missed) = (stats.Refused - refusedAtStart, stats.Errors - errorsAtStart, stats.MissedTicks - missedAtStart);
        var cpu = server.CpuTime() - cpuAtStart;
        var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime - generatorAtStart;
        var peak = server.PeakMemoryBytes();
        var commits = await ServerMetrics.ReadAsync(http, server.Url, "fajma_writer_commits_total", cancellationToken) - commitsAtStart;
        var writes = await ServerMetrics.ReadAsync(http, server.Url, "fajma_writer_writes_total", cancellationToken) - writesAtStart;
        var delivered = latency.Delivered;
        var (p50, p95, p99, max, _) = latency.Snapshot();
        await stop.CancelAsync();
        await run;
        if (stats.LastError is { } lastError) AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]last transport error:[/] {lastError}");
        return new IngestReport(devices, rate, mqtt ? (tls ? "MQTT over TLS 1.3 with client certificates (flat ESP32 JSON, QoS 1)" : "MQTT (flat ESP32 JSON, QoS 1)") : "HTTP (standard message)", seconds,
            devices * rate, accepted / seconds, delivered / seconds, p50, p95, p99, max,
            refused, errors, missed,
            cpu.TotalSeconds / seconds * 100, peak / 1024.0 / 1024.0, generatorCpu.TotalSeconds / seconds * 100,
            commits / seconds, commits == 0 ? 0 : writes / commits);
    }
}
