using System.Net.Http.Json;
using System.Threading.Channels;
using Fajma.Devices.Clock;
using Fajma.Server.Live;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests;

/// <summary>
/// Device clocks (000 §2.3B): a device whose clock is 3 s off is found out from what it sends, its readings are marked
/// clock-doubtful in the API and live, its offset is on its status — and a device that syncs through
/// <c>GET /api/v1/time</c> first is not flagged.
/// </summary>
public sealed class DeviceClockTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    /// <summary>A device's own clock: the machine's, off by a fixed amount.</summary>
    private sealed class SkewedClock(TimeSpan skew) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
    }

    /// <summary>Sends <paramref name="count"/> messages a device measures live, 200 ms apart by the device's own pacing, stamped by <paramref name="clock"/>.</summary>
    private async Task SendLiveAsync(string deviceId, TimeProvider clock, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), clock.GetUtcNow(), heartRate: 70 + i)));
            response.EnsureSuccessStatusCode();
            await Task.Delay(TimeSpan.FromMilliseconds(200)); // the device's sampling period, not a wait for a result
        }
    }

    private async Task<List<ObservationDto>> HistoryAsync(int patientId) =>
        (await _host.Http.GetFromJsonAsync<ObservationPage>($"/api/v1/patients/{patientId}/observations/?type=heart_rate&limit=100"))!.Items.ToList();

    [Fact]
    public async Task ADeviceClockThreeSecondsAheadIsFlaggedOnItsReadingsAndItsStatus()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync(Fajma.Server.Devices.DeviceTypes.PulseOximeter);
        var statuses = Channel.CreateUnbounded<DeviceStatusDto>();
        var (hub, observations) = await _host.WatchAsync(patientId);
        await using var _ = hub;
        hub.On<DeviceStatusDto>(MonitoringEvents.DeviceStatus, s => statuses.Writer.TryWrite(s));

        await SendLiveAsync(deviceId, new SkewedClock(TimeSpan.FromSeconds(3)), 8);

        var history = await HistoryAsync(patientId);
        Assert.Equal(8, history.Count);
        // The first message has nothing to be in step with; from the second on, the offset is known.
        Assert.Equal(7, history.Count(o => o.ClockDoubtful));
        Assert.All(history.Where(o => o.ClockDoubtful), o => Assert.Equal(ClockSources.DeviceDoubtful, o.ClockSource));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        DeviceStatusDto status;
        do status = await statuses.Reader.ReadAsync(timeout.Token); while (status.ClockOffsetMilliseconds is null);
        Assert.True(status.ClockDoubtful);
        Assert.InRange(status.ClockOffsetMilliseconds!.Value, 2500, 3000); // 3 s less the network delay
        var live = new List<ObservationDto>();
        while (live.Count < 8)
        {
            var observation = await observations.ReadAsync(timeout.Token);
            if (observation.Type == "heart_rate") live.Add(observation);
        }
        Assert.Equal(7, live.Count(o => o.ClockDoubtful));
    }

    [Fact]
    public async Task ADeviceThatSyncsWithTheServerFirstIsNotFlaggedThoughItsOwnClockIsThreeSecondsBehind()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync(Fajma.Server.Devices.DeviceTypes.PulseOximeter);
        var clock = new SyncedClock(new SkewedClock(TimeSpan.FromSeconds(-3)));

        var (correction, roundTrip) = await clock.SyncAsync(_host.Http, _host.Url);
        await SendLiveAsync(deviceId, clock, 6);

        Assert.InRange(correction.TotalMilliseconds, 3000 - roundTrip.TotalMilliseconds - 5, 3000 + roundTrip.TotalMilliseconds + 5);
        var history = await HistoryAsync(patientId);
        Assert.Equal(6, history.Count);
        Assert.DoesNotContain(history, o => o.ClockDoubtful);
        Assert.All(history, o => Assert.Equal(ClockSources.Device, o.ClockSource));
    }
}
