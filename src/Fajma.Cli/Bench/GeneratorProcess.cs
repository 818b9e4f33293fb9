using Fajma.Cli.Simulation;
using Fajma.Devices.Simulation;
using Fajma.Devices.Transport;

namespace Fajma.Cli.Bench;

/// <summary>
/// <c>fajma bench generate --plan FILE</c>: the simulated fleet of a bench in a process of its own, so that its timers and
/// thread pool neither share the server's process nor hide in the bench's, and its CPU is read apart. Prints its counters
/// (<c>stats sent=… accepted=… …</c>); on <c>stop</c> writes each message's send time to the plan's file and exits.
/// </summary>
internal static class GeneratorProcess
{
    public static async Task<int> RunAsync(string planFile, CancellationToken cancellationToken)
    {
        var plan = LoadPlan.Load(planFile);
        using var http = new HttpClient();
        var url = new Uri(plan.DevicesUrl ?? plan.Url);
        var clients = new List<HttpClient>();
        var devices = plan.Devices.Select((d, i) =>
        {
            var tls = d.CertificatePem is null ? null : DeviceTlsIdentity.FromPem(d.CertificatePem, d.KeyPem!, d.CaPem!);
            // Over HTTPS each device presents its own certificate, so each needs a client of its own.
            var client = plan.Mqtt || tls is null ? http : Kept(clients, new HttpClient(tls.CreateHttpHandler()));
            return FleetFactory.Create(d.DeviceId, plan.Mqtt, url, plan.MqttHost, plan.MqttPort, client, plan.FirstIndex + i,
                TimeProvider.System, d.Secret, episodesPerHour: 0, tls: tls);
        }).ToList();
        var times = new MessageTimes();
        var fleet = new DeviceFleet(devices, plan.RateHz, TimeProvider.System) { OnSending = times.Sent };
        var mqtt = devices.Select(d => d.Item2).OfType<MqttDeviceTransport>().ToList();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = fleet.RunAsync(run.Token);
        Console.Out.WriteLine("ready");
        var s = fleet.Statistics;
        await LoadProcess.ReportUntilStoppedAsync(() =>
        [
            ("sent", s.Sent), ("accepted", s.Accepted), ("refused", s.Refused), ("busy", s.TurnedAway), ("errors", s.Errors), ("missed", s.MissedTicks),
            ("connected", plan.Mqtt ? mqtt.Count(t => t.IsConnected) : devices.Count),
            ("threads", ThreadPool.ThreadCount), ("queued", ThreadPool.PendingWorkItemCount), .. LoadProcess.CollectorStats(),
        ], run);
        await running;
        times.Write(plan.TimesFile);
        foreach (var client in clients) client.Dispose();
        if (s.LastError is { } error)
        {
            await Console.Error.WriteLineAsync($"last transport error: {error}");
            foreach (var (kind, count, first) in s.ErrorsByKind) await Console.Error.WriteLineAsync($"transport errors: {count} × {kind}, the first: {first}");
        }
        return 0;
    }

    private static HttpClient Kept(List<HttpClient> clients, HttpClient client)
    {
        clients.Add(client);
        return client;
    }
}
