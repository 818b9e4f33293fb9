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
        // Homes are IPv4 loopback addresses: a server on ::1 (or elsewhere) is reached from wherever the system chooses.
        var homes = System.Net.IPAddress.TryParse(plan.MqttHost, out var host) && host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && System.Net.IPAddress.IsLoopback(host);
        var devices = plan.Devices.Select((d, i) =>
        {
            var tls = d.CertificatePem is null ? null : DeviceTlsIdentity.FromPem(d.CertificatePem, d.KeyPem!, d.CaPem!);
            // Over HTTPS each device presents its own certificate, so each needs a client of its own.
            var client = plan.Mqtt || tls is null ? http : Kept(clients, new HttpClient(tls.CreateHttpHandler()));
            return FleetFactory.Create(d.DeviceId, plan.Mqtt, url, plan.MqttHost, plan.MqttPort, client, plan.FirstIndex + i,
                TimeProvider.System, d.Secret, episodesPerHour: 0, tls: tls, localAddress: homes ? HomeAddress(plan.FirstIndex + i) : null);
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
            ("connected", plan.Mqtt ? mqtt.Count(t => t.IsConnected) : devices.Count), ("connect_failures", s.ConnectFailures),
            ("threads", ThreadPool.ThreadCount), ("queued", ThreadPool.PendingWorkItemCount), .. LoadProcess.CollectorStats(),
        ], run);
        await running;
        times.Write(plan.TimesFile);
        foreach (var client in clients) client.Dispose();
        foreach (var (kind, count, first) in s.ConnectFailuresByKind)
            await Console.Error.WriteLineAsync($"failed first connections: {count} × {kind}, the first: {first}");
        if (s.LastError is { } error)
        {
            await Console.Error.WriteLineAsync($"last transport error: {error}");
            foreach (var (kind, count, first) in s.ErrorsByKind) await Console.Error.WriteLineAsync($"transport errors: {count} × {kind}, the first: {first}");
        }
        return 0;
    }

    /// <summary>
    /// Device <paramref name="index"/>'s own loopback address, from 127.1.0.1 (127.0.0.x is the bench's own): homes each
    /// have one, and the server caps connections waiting to sign in per address (32), so a fleet connecting from a single
    /// address would measure that cap, not how fast the server lets a fleet in.
    /// </summary>
    internal static System.Net.IPAddress HomeAddress(int index) =>
        new([127, (byte)(1 + index / 62_500), (byte)(index / 250 % 250), (byte)(index % 250 + 1)]);

    private static HttpClient Kept(List<HttpClient> clients, HttpClient client)
    {
        clients.Add(client);
        return client;
    }
}
