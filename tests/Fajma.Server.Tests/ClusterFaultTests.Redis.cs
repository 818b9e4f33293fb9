using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Threading.Channels;
using Fajma.Server.Identity;
using Fajma.Server.Live;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests;

// Redis stopped under both nodes for 30 s: ingestion goes on, and live fan-out across nodes comes back.
public sealed partial class ClusterFaultTests
{
    [Fact]
    public async Task WithRedisStoppedThirtySecondsIngestionGoesOnAndLiveFanOutAcrossNodesRecoversByItself()
    {
        var devices = await ProvisionAsync("R", 24);
        var (probePatient, probeDevice) = (await ProvisionAsync("RP", 1))[0];
        using var doctor = await DoctorOfAsync(probePatient);
        var (hub, observations) = await WatchAsync(_b.Url, doctor.Token, probePatient);
        await using var _ = hub;
        // Before the fault: a reading node A took reaches the doctor on node B.
        var before = await ProbeFanOutAsync(probeDevice, observations, TimeSpan.FromSeconds(15));
        Assert.NotNull(before);

        await using var fleet = await StartFleetAsync(devices);

        var rateBefore = await StoredPerSecondAsync(fleet, TimeSpan.FromSeconds(5));
        await _redis.StopAsync();
        Log("Redis stopped");
        var storedDuringOutage = (int)(await StoredPerSecondAsync(fleet, TimeSpan.FromSeconds(30)) * 30);
        await _redis.StartAgainAsync();
        Log($"Redis back; {storedDuringOutage} readings stored while it was down ({storedDuringOutage / 30.0:F0}/s; {rateBefore:F0}/s before)");

        // No restart, no new connection: the doctor's screen on node B gets node A's readings again.
        var after = await ProbeFanOutAsync(probeDevice, observations, TimeSpan.FromSeconds(60));
        Log(after is null ? "live fan-out did not recover" : $"live fan-out back {after.Value.TotalSeconds:F1} s after Redis");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));

        var verdict = await FaultChecker.JudgeAsync("Redis stopped 30 s", _database, fleet, TimeSpan.FromSeconds(60),
            string.Create(CultureInfo.InvariantCulture, $"{storedDuringOutage} stored during the outage ({storedDuringOutage / 30.0:F0}/s, {rateBefore:F0}/s before); fan-out A→B back {(after is null ? "never (60 s)" : $"{after.Value.TotalSeconds:F1} s")} after Redis, hub reconnected {_hubReconnections}×"));
        Report(verdict);

        // What a user notices: readings keep reaching the store (and the screens of doctors on the node that took them) at
        // a useful rate, not one per patient every few seconds.
        var offered = devices.Count * ReadingsPerSecond;
        Assert.True(storedDuringOutage / 30.0 >= offered / 4,
            $"ingestion and storage go on without Redis: {storedDuringOutage / 30.0:F0} readings/s stored in its 30 s outage ({rateBefore:F0}/s before), devices sending {offered:F0}/s");
        Assert.Equal(0, unacknowledged);
        Assert.Equal((0, 0, 0), (verdict.Lost, verdict.Duplicated, verdict.Unexpected));
        Assert.Equal(verdict.Acknowledged, verdict.Stored);
        Assert.True(after is not null, "live fan-out from node A to a doctor on node B did not come back within 60 s of Redis");
    }

    private int _hubReconnections;

    /// <summary>Sends node A a reading of the probe device (over HTTP, so node A takes it) every second until the doctor on node B sees one.</summary>
    private async Task<TimeSpan?> ProbeFanOutAsync(string probeDevice, ChannelReader<ObservationDto> observations, TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = _a.Url };
        var clock = Stopwatch.StartNew();
        while (observations.TryRead(out _))
        {
            // Drop what arrived earlier.
        }
        while (clock.Elapsed < deadline)
        {
            var heartRate = 100 + Random.Shared.Next(40);
            using var sent = await http.PostAsync(new Uri("/api/v1/iot/realtime-data/", UriKind.Relative), Messages.Json(Messages.Standard(probeDevice, Guid.NewGuid(), DateTimeOffset.UtcNow, heartRate)));
            sent.EnsureSuccessStatusCode();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var seen = await observations.ReadAsync(wait.Token);
                    if (seen.DeviceId == probeDevice && seen.Type == "heart_rate" && Math.Abs(seen.Value - heartRate) < 0.01) return clock.Elapsed;
                }
            }
            catch (OperationCanceledException)
            {
                // Not seen within a second: send another.
            }
        }
        return null;
    }

    private async Task<(HubConnection Hub, ChannelReader<ObservationDto> Observations)> WatchAsync(Uri node, string token, int patientId)
    {
        var channel = Channel.CreateUnbounded<ObservationDto>();
        var hub = new HubConnectionBuilder().WithUrl(new Uri(node, LiveExtensions.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)])
            .Build();
        hub.On<ObservationDto>(MonitoringEvents.Observation, o => channel.Writer.TryWrite(o));
        // As the web client does: after a reconnect, subscribe again.
        hub.Reconnected += async _ =>
        {
            Interlocked.Increment(ref _hubReconnections);
            await hub.InvokeAsync("SubscribePatient", patientId);
        };
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribePatient", patientId);
        return (hub, channel.Reader);
    }

    private sealed class Doctor(HttpClient http, string token) : IDisposable
    {
        public string Token { get; } = token;

        public void Dispose() => http.Dispose();
    }

    /// <summary>A doctor account created through the API (admin), put in the patient's care team, signed in.</summary>
    private async Task<Doctor> DoctorOfAsync(int patientId)
    {
        var email = $"dr-{Guid.NewGuid():N}@faults.fajma";
        var created = await _admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(email, "Dr Fault", Roles.Doctor, FajmaHost.Password, null));
        created.EnsureSuccessStatusCode();
        var doctorId = (await created.Content.ReadFromJsonAsync<UserDto>())!.Id;
        (await _admin.PostAsJsonAsync($"/api/v1/patients/{patientId}/care-team", new CareTeamRequest(doctorId))).EnsureSuccessStatusCode();
        var http = await SignedInAsync(_b.Url, email);
        return new Doctor(http, http.DefaultRequestHeaders.Authorization!.Parameter!);
    }

    /// <summary>Readings of the fleet stored per second over <paramref name="span"/>.</summary>
    private async Task<double> StoredPerSecondAsync(DeviceFleet fleet, TimeSpan span)
    {
        var first = await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds);
        var clock = Stopwatch.StartNew();
        await Task.Delay(span);
        return (await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds) - first) / clock.Elapsed.TotalSeconds;
    }
}
