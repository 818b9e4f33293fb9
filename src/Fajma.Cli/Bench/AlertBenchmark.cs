using System.Diagnostics;
using Fajma.Cli.Simulation;
using Fajma.Devices.Simulation;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// Alerts under a flood: simulated devices send vitals and status as fast as asked while a few probe devices turn
/// critical again and again; one doctor watches every patient, so the alerts share the doctor's connection with
/// the whole flood. Reports alert latency (publish → doctor receive) per kind and what became of the flood.
/// </summary>
internal static class AlertBenchmark
{
    public static async Task<AlertReport> RunAsync(int devices, double rate, int probes, TimeSpan warmup, TimeSpan duration,
        IReadOnlyList<string> serverArgs, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(serverArgs, cancellationToken);
        using var http = new HttpClient();
        await FleetRegistration.SignInAsync(http, server.Url, ServerProcess.AdminEmail, ServerProcess.AdminPassword, cancellationToken);
        var (flood, probing) = await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("registering devices", maxValue: devices + probes);
            var f = await FleetRegistration.RegisterAsync(http, server.Url, "FLOOD", devices, true, new Progress<int>(n => task.Value = n), cancellationToken);
            var p = await FleetRegistration.RegisterAsync(http, server.Url, "PROBE", probes, true, new Progress<int>(n => task.Value = devices + n), cancellationToken);
            return (f, p);
        });
        var probeList = probing.Select(d => new AlertProbe(d, server.Url, server.MqttPort)).ToList();
        var byPatient = probeList.ToDictionary(p => p.PatientId);

        var vitals = new LatencyRecorder();
        var doctorToken = await BenchDoctor.CreateAsync(http, server.Url, flood.Concat(probing).Select(r => r.PatientId), cancellationToken);
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(server.Url, "/hubs/monitoring"),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(doctorToken)).Build();
        hub.On<BenchObservation>("observation", o => vitals.Received(o.DeviceId, o.MessageId));
        hub.On<BenchAlert>("alert", a =>
        {
            if (a.PatientId is { } id && byPatient.TryGetValue(id, out var probe)) probe.Received(a.Rule, a.Event, a.RaisedAt);
        });
        await hub.StartAsync(cancellationToken);
        foreach (var patientId in flood.Concat(probing).Select(r => r.PatientId))
            await hub.InvokeAsync("SubscribePatient", patientId, cancellationToken);

        var fleet = new DeviceFleet(flood.Select((d, i) => FleetFactory.Create(d.DeviceId, true, server.Url, "127.0.0.1", server.MqttPort, http, i,
            TimeProvider.System, d.Secret, episodesPerHour: 0)).ToList(), rate, TimeProvider.System) { OnSending = vitals.Sending };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var recording = false;
        var running = probeList.Select(p => p.RunAsync(() => Volatile.Read(ref recording), stop.Token)).Append(fleet.RunAsync(stop.Token)).ToList();

        long acceptedAtStart = 0, errorsAtStart = 0;
        double shedAtStart = 0;
        TimeSpan cpuAtStart = default;
        var measured = Stopwatch.StartNew();
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new RemainingTimeColumn()).StartAsync(async ctx =>
        {
            var warm = ctx.AddTask("warm-up", maxValue: warmup.TotalSeconds);
            while (!warm.IsFinished) { await Task.Delay(250, cancellationToken); warm.Value = measured.Elapsed.TotalSeconds; }
            (acceptedAtStart, errorsAtStart) = (fleet.Statistics.Accepted, fleet.Statistics.Errors);
            shedAtStart = await ServerMetrics.ReadAsync(http, server.Url, "fajma_traffic_shed_total", cancellationToken);
            cpuAtStart = server.CpuTime();
            vitals.StartRecording();
            Volatile.Write(ref recording, true);
            measured.Restart();
            var main = ctx.AddTask("measuring", maxValue: duration.TotalSeconds);
            while (!main.IsFinished)
            {
                await Task.Delay(250, cancellationToken);
                main.Value = measured.Elapsed.TotalSeconds;
                main.Description = $"measuring: {probeList.Sum(p => p.Threshold.TotalCount + p.Device.TotalCount)} alerts";
            }
        });
        Volatile.Write(ref recording, false);
        var seconds = measured.Elapsed.TotalSeconds;
        var accepted = fleet.Statistics.Accepted - acceptedAtStart;
        var errors = fleet.Statistics.Errors - errorsAtStart; // before stopping: the end of a run is not an error
        var shed = await ServerMetrics.ReadAsync(http, server.Url, "fajma_traffic_shed_total", cancellationToken) - shedAtStart;
        var cpu = (server.CpuTime() - cpuAtStart).TotalSeconds / seconds * 100;
        await stop.CancelAsync();
        await Task.WhenAll(running);

        foreach (var error in probeList.SelectMany(p => p.Errors))
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]probe error:[/] {error}");
        var (v50, _, v99, vMax, _) = vitals.Snapshot();
        return new AlertReport(devices, rate, probes, seconds, devices * rate, accepted / seconds, vitals.Delivered / seconds, v50, v99, vMax, shed,
            AlertReport.Latency.Of(probeList.Select(p => p.Threshold)), AlertReport.Latency.Of(probeList.Select(p => p.Device)),
            AlertReport.Latency.Of(probeList.Select(p => p.DeviceToServer)), AlertReport.Latency.Of(probeList.Select(p => p.DeviceFromServer)),
            probeList.Sum(p => p.Missed), cpu, server.PeakMemoryBytes() / 1024.0 / 1024.0, errors);
    }
}
