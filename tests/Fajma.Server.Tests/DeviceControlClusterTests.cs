using Fajma.Devices.Transport;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fajma.Server.Tests.Infrastructure.DeviceControlClient;

namespace Fajma.Server.Tests;

/// <summary>
/// Control on a cluster: two nodes on one PostgreSQL store and one Mosquitto, both sweeping for commands to send. A command
/// kept for an offline device goes out once when it connects, and a doctor on the other node sees it carried out.
/// </summary>
public sealed class DeviceControlClusterTests : IAsyncLifetime
{
    private TwoHostCluster? _cluster;

    public async Task InitializeAsync() =>
        _cluster = await TwoHostCluster.StartAsync(_ => ["--DeviceControl:SweepInterval=00:00:00.200"], externalBroker: true);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ACommandKeptForAnOfflineDeviceGoesOutOnceThoughBothNodesSweepAndTheOtherNodesDoctorSeesItDone()
    {
        var (a, b) = (_cluster!.NodeA, _cluster.NodeB);
        var (patientId, deviceId) = await a.RegisterPatientWithDeviceAsync();
        var (hub, events) = await WatchAsync(b, patientId);
        await using var _ = hub;

        var command = await CommandOf(await CalibrateAsync(a.Http, deviceId, new { sensor = "heart_rate", reference = 60 }));
        // Sweeps on both nodes meanwhile: nobody listens on the device's topic, so the broker takes nothing and it stays queued.
        await Wait.UntilAsync(async () => DateTimeOffset.UtcNow - command.CreatedAt > TimeSpan.FromSeconds(1), "a second of sweeps");
        Assert.Equal("queued", (await GetAsync(b.Http, command.Id)).Status);

        await using var device = new MqttDeviceTransport(deviceId, "127.0.0.1", _cluster.Engines.Broker!.Port, Messages.Secrets[deviceId]);
        await device.ConnectAsync(CancellationToken.None);

        await StatusAsync(events, command.Id, "successful");
        Assert.Equal(new[] { command.Id.ToString() }, device.Received);
        Assert.NotNull(await b.QueryAsync(db => db.Devices.Where(d => d.Id == deviceId).Select(d => d.LastCalibration).SingleAsync()));
    }
}
