using Fajma.Devices.Transport;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Fajma.Server.Tests.Infrastructure.DeviceControlClient;

namespace Fajma.Server.Tests;

/// <summary>A command's time to live, on a fake clock the test moves: no sleeping.</summary>
public sealed class DeviceControlExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FajmaHost _host = null!;

    public async Task InitializeAsync() => _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(),
        b => b.Services.AddSingleton<TimeProvider>(_time), "--DeviceControl:SweepInterval=00:00:01");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ACommandWhoseTimeToLivePassedWhileTheDeviceWasOfflineEndsExpiredAndIsNeverSent()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var lapsing = await CommandOf(await ControlAsync(_host.Http, deviceId, new { action = "reboot", ttlSeconds = 5 }));

        _time.Advance(TimeSpan.FromSeconds(6));
        await Wait.UntilAsync(async () =>
        {
            _time.Advance(TimeSpan.FromSeconds(1)); // the sweep's timer runs on this clock
            return (await GetAsync(_host.Http, lapsing.Id)).Status == "expired";
        }, "the command expired");

        // The device comes back: a fresh command reaches it and is carried out, the lapsed one never goes out.
        await using var device = new MqttDeviceTransport(deviceId, "127.0.0.1", _host.MqttPort, Messages.Secrets[deviceId]);
        await device.ConnectAsync(CancellationToken.None);
        var fresh = await CommandOf(await ControlAsync(_host.Http, deviceId, new { action = "read_now", ttlSeconds = 600 }));
        await Wait.UntilAsync(async () => (await GetAsync(_host.Http, fresh.Id)).Status == "successful", "the fresh command carried out");

        Assert.Equal(new[] { fresh.Id.ToString() }, device.Received);
        Assert.Equal(0, device.Control.Reboots);
        var expired = await GetAsync(_host.Http, lapsing.Id);
        Assert.Equal("expired", expired.Status);
        Assert.Contains("time to live", expired.Detail, StringComparison.Ordinal);
        Assert.Null(await _host.QueryAsync(db => db.DeviceCommands.Where(c => c.CorrelationId == lapsing.Id).Select(c => c.SentAt).SingleAsync()));
    }
}
