using System.Diagnostics;
using Fajma.Cli.Simulation;
using Fajma.Devices.Simulation;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// <c>fajma bench cluster</c>: the same fleet, one setup after the other in one sitting, through Mosquitto onto PostgreSQL —
/// one node alone, then two nodes sharing the subscription with Redis — so the cost of the cluster shows side by side:
/// throughput stored, CPU per message over every node, the engines' CPU, and publish → screen latency (the doctor's
/// connection on the last node, so with two nodes half of what it sees crossed Redis).
/// </summary>
internal static class ClusterBenchmark
{
    private sealed record Setup(string Name, int Nodes, bool Redis);

    public static async Task<ClusterReport> RunAsync(int devices, double rate, TimeSpan warmup, TimeSpan duration, string postgres, CancellationToken cancellationToken)
    {
        var rows = new List<ClusterRow>();
        foreach (var setup in (Setup[])[new("one node", 1, false), new("two nodes + Redis", 2, true)])
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[bold]{setup.Name}[/]");
            rows.Add(await RunAsync(setup, devices, rate, warmup, duration, postgres, cancellationToken));
        }
        return new ClusterReport(devices, rate, duration.TotalSeconds, rows);
    }

    private static async Task<ClusterRow> RunAsync(Setup setup, int devices, double rate, TimeSpan warmup, TimeSpan duration, string postgres,
        CancellationToken cancellationToken)
    {
        await using var engines = await BenchEngines.StartAsync(setup.Redis, postgres, cancellationToken);
        var shared = Directory.CreateTempSubdirectory("fajma-bench-cluster-").FullName;
        var nodes = new List<ServerProcess>();
        try
        {
            // One after the other: the first migrates the store and creates the shared keys.
            for (var i = 0; i < setup.Nodes; i++)
            {
                nodes.Add(await ServerProcess.StartAsync([.. engines.NodeSettings, $"--Mqtt:NodeId=bench-{i}"], cancellationToken, shared));
                await nodes[^1].WaitReadyAsync(cancellationToken);
            }
            using var http = new HttpClient();
            var first = nodes[0].Url;
            await FleetRegistration.SignInAsync(http, first, ServerProcess.AdminEmail, ServerProcess.AdminPassword, cancellationToken);
            var registered = await FleetRegistration.RegisterAsync(http, first, "CLUSTER", devices, mqtt: true, new Progress<int>(), cancellationToken);
            var latency = new LatencyRecorder();
            var doctorToken = await BenchDoctor.CreateAsync(http, first, registered.Select(r => r.PatientId), cancellationToken);
            await using var hub = new HubConnectionBuilder().WithUrl(new Uri(nodes[^1].Url, "/hubs/monitoring"),
                o => o.AccessTokenProvider = () => Task.FromResult<string?>(doctorToken)).Build();
            hub.On<BenchObservation>("observation", o => latency.Received(o.DeviceId, o.MessageId));
            await hub.StartAsync(cancellationToken);
            foreach (var patientId in registered.Select(r => r.PatientId).Distinct()) await hub.InvokeAsync("SubscribePatient", patientId, cancellationToken);

            var fleet = new DeviceFleet(registered.Select((d, i) => FleetFactory.Create(d.DeviceId, mqtt: true, first, "127.0.0.1", engines.BrokerPort, http, i,
                TimeProvider.System, d.Secret, episodesPerHour: 0)).ToList(), rate, TimeProvider.System) { OnSending = latency.Sending };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var run = fleet.RunAsync(stop.Token);
            await Task.Delay(warmup, cancellationToken);

            var before = await SampleAsync(http, nodes, engines, cancellationToken);
            latency.StartRecording();
            var measured = Stopwatch.StartNew();
            await Task.Delay(duration, cancellationToken);
            var after = await SampleAsync(http, nodes, engines, cancellationToken);
            var seconds = measured.Elapsed.TotalSeconds;
            var delivered = latency.Delivered;
            var (p50, p95, p99, _, _) = latency.Snapshot();
            await stop.CancelAsync();
            await run;
            var stored = after.Stored - before.Stored;
            return new ClusterRow(setup.Name, devices * rate, stored / seconds, delivered / seconds, p50, p95, p99,
                (after.Nodes - before.Nodes).TotalSeconds / seconds * 100, stored == 0 ? 0 : (after.Nodes - before.Nodes).TotalMilliseconds / stored,
                (after.Broker - before.Broker).TotalSeconds / seconds * 100, (after.Redis - before.Redis).TotalSeconds / seconds * 100,
                nodes.Max(n => n.PeakMemoryBytes()) / 1024.0 / 1024.0, (after.Generator - before.Generator).TotalSeconds / seconds * 100);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            Directory.Delete(shared, recursive: true);
        }
    }

    private sealed record Sample(double Stored, TimeSpan Nodes, TimeSpan Broker, TimeSpan Redis, TimeSpan Generator);

    private static async Task<Sample> SampleAsync(HttpClient http, IReadOnlyList<ServerProcess> nodes, BenchEngines engines, CancellationToken cancellationToken)
    {
        double stored = 0;
        foreach (var node in nodes) stored += await ServerMetrics.ReadAsync(http, node.Url, "fajma_writer_writes_total", cancellationToken);
        var (broker, redis) = engines.CpuTime();
        return new Sample(stored, nodes.Aggregate(TimeSpan.Zero, (sum, n) => sum + n.CpuTime()), broker, redis, Process.GetCurrentProcess().TotalProcessorTime);
    }
}
