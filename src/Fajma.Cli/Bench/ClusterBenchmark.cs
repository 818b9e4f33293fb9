using System.Diagnostics;
using Fajma.Cli.Simulation;
using Fajma.Devices.Simulation;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// <c>fajma bench cluster</c>: the same fleet, one setup after the other in one sitting, through Mosquitto onto PostgreSQL —
/// one node alone, one node with Redis (what the shared state costs by itself), then two nodes sharing the subscription
/// with Redis — so the cost of the cluster shows side by side: throughput stored, CPU per message over every node, the
/// engines' CPU, and publish → screen latency (the doctor's connection on the last node, so with two nodes half of what
/// it sees crossed Redis); then API requests and hub calls with the fleet stopped (<see cref="CallProbe"/>).
/// </summary>
internal static class ClusterBenchmark
{
    private sealed record Setup(string Name, int Nodes, bool Redis);

    public static async Task<ClusterReport> RunAsync(int devices, double rate, TimeSpan warmup, TimeSpan duration, string postgres, CancellationToken cancellationToken)
    {
        var rows = new List<ClusterRow>();
        var calls = new List<CallRow>();
        foreach (var setup in (Setup[])[new("one node", 1, false), new("one node + Redis", 1, true), new("two nodes + Redis", 2, true)])
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[bold]{setup.Name}[/]");
            var (row, setupCalls) = await RunAsync(setup, devices, rate, warmup, duration, postgres, cancellationToken);
            rows.Add(row);
            calls.AddRange(setupCalls);
        }
        return new ClusterReport(devices, rate, duration.TotalSeconds, rows, calls);
    }

    private static async Task<(ClusterRow Ingest, CallRow[] Calls)> RunAsync(Setup setup, int devices, double rate, TimeSpan warmup, TimeSpan duration, string postgres,
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
                nodes.Add(await ServerProcess.StartAsync([.. engines.NodeSettings, .. CallProbe.RaisedLimits, $"--Mqtt:NodeId=bench-{i}"], cancellationToken, shared));
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
            var ingest = new ClusterRow(setup.Name, devices * rate, stored / seconds, delivered / seconds, p50, p95, p99,
                (after.Nodes - before.Nodes).TotalSeconds / seconds * 100, stored == 0 ? 0 : (after.Nodes - before.Nodes).TotalMilliseconds / stored,
                (after.Broker - before.Broker).TotalSeconds / seconds * 100, (after.Redis - before.Redis).TotalSeconds / seconds * 100,
                nodes.Max(n => n.PeakMemoryBytes()) / 1024.0 / 1024.0, (after.Generator - before.Generator).TotalSeconds / seconds * 100);
            await SettleAsync(http, nodes, engines, cancellationToken);
            return (ingest, await MeasureCallsAsync(setup, nodes, engines, http, doctorToken, hub, registered.Select(r => r.PatientId).Distinct().ToList(),
                duration, cancellationToken));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>Waits (up to a minute) until the nodes stored nothing for a second: a backlog still draining would be billed to the calls.</summary>
    private static async Task SettleAsync(HttpClient http, IReadOnlyList<ServerProcess> nodes, BenchEngines engines, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var last = await SampleAsync(http, nodes, engines, cancellationToken);
        while (deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = await SampleAsync(http, nodes, engines, cancellationToken);
            if (now.Stored == last.Stored) return;
            last = now;
        }
    }

    /// <summary>With the fleet stopped: API requests, then hub calls, spread over the nodes.</summary>
    private static async Task<CallRow[]> MeasureCallsAsync(Setup setup, List<ServerProcess> nodes, BenchEngines engines, HttpClient http, string token,
        HubConnection lastNodeHub, List<int> patients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var probe = TimeSpan.FromSeconds(Math.Max(5, duration.TotalSeconds / 2));
        var hubs = new List<HubConnection>();
        try
        {
            foreach (var node in nodes.SkipLast(1))
            {
                hubs.Add(new HubConnectionBuilder().WithUrl(new Uri(node.Url, "/hubs/monitoring"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build());
                await hubs[^1].StartAsync(cancellationToken);
            }
            HubConnection[] all = [.. hubs, lastNodeHub];
            return
            [
                await CallProbe.RunAsync(setup.Name, "GET /api/v1/auth/me", nodes, engines, CallProbe.Me(http, nodes, token), probe, cancellationToken),
                await CallProbe.RunAsync(setup.Name, "hub SubscribePatient", nodes, engines,
                    (i, ct) => all[i % all.Length].InvokeAsync("SubscribePatient", patients[i % patients.Count], ct), probe, cancellationToken),
            ];
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
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
