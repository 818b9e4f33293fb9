using System.Diagnostics;
using System.Globalization;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

// Mosquitto restarted (SIGTERM) or killed (SIGKILL) and started again under devices and nodes.
public sealed partial class ClusterFaultTests
{
    [Fact]
    public async Task AfterTheBrokerRestartsOrIsKilledDevicesAndNodesReconnectAndWhatItAcknowledgedSurvivesAsFarAsItPromises()
    {
        var graceful = await ProvisionAsync("G", 20);
        var killed = await ProvisionAsync("X", 20);

        // 1. SIGTERM: Mosquitto saves its database on the way out, so every acknowledged reading survives.
        var (restart, restartUnacked, _) = await BrokerFaultAsync(graceful, "Mosquitto restarted (SIGTERM, start again)", kill: false);
        // 2. SIGKILL: what it acknowledged since its last autosave (1 s) and had not handed to a node that acknowledged it is gone.
        var (crash, crashUnacked, killedAt) = await BrokerFaultAsync(killed, "Mosquitto kill -9, start again", kill: true);

        Assert.Equal(0, restartUnacked);
        Assert.Equal((0, 0, 0), (restart.Lost, restart.Duplicated, restart.Unexpected));
        Assert.Equal(restart.Acknowledged, restart.Stored);
        Assert.Equal(0, crashUnacked);
        Assert.Equal((0, 0), (crash.Duplicated, crash.Unexpected));
        // What Mosquitto promises (persistence, autosave_interval 1 s): a loss only among readings acknowledged in the last
        // autosave interval before the kill (plus the time the save itself and scheduling on a busy machine take).
        var window = TimeSpan.FromSeconds(3);
        Assert.All(crash.LostReadings, r => Assert.True(r.AcknowledgedAt >= killedAt - window,
            $"{r.DeviceId}/{r.MessageId} acknowledged at {r.AcknowledgedAt:HH:mm:ss.fff}, {(killedAt - r.AcknowledgedAt!.Value).TotalSeconds:F1} s before the kill, is lost"));
    }

    private async Task<(FaultVerdict Verdict, int Unacknowledged, DateTimeOffset FaultAt)> BrokerFaultAsync(
        List<(int PatientId, string DeviceId)> devices, string fault, bool kill)
    {
        await using var fleet = await StartFleetAsync(devices);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var reconnectionsBefore = fleet.Reconnections;
        var at = DateTimeOffset.UtcNow;
        if (kill) await _broker.KillAsync();
        else await _broker.StopAsync();
        Log($"broker {(kill ? "killed" : "stopped")}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _broker.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await UntilAsync(async () => await ReadyAsync(_a.Url) && await ReadyAsync(_b.Url), "both nodes connected and subscribed again", TimeSpan.FromSeconds(60));
        var nodesBack = back.Elapsed.TotalSeconds;
        await UntilAsync(() => Task.FromResult(fleet.Reconnections - reconnectionsBefore >= devices.Count), "every device connected again", TimeSpan.FromSeconds(30));
        var devicesBack = back.Elapsed.TotalSeconds;
        Log($"broker back; nodes ready after {nodesBack:F1} s, devices after {devicesBack:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));
        var verdict = await FaultChecker.JudgeAsync(fault, _database, fleet, TimeSpan.FromSeconds(kill ? 20 : 60),
            string.Create(CultureInfo.InvariantCulture, $"down 3 s; nodes ready {nodesBack:F1} s and all devices reconnected {devicesBack:F1} s after it was back"));
        Report(verdict);
        return (verdict, unacknowledged, at);
    }

    private static async Task<bool> ReadyAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
