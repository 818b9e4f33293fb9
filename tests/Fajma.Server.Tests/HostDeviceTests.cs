using Fajma.Server.Platform;
using System.Net.Http.Json;
using System.Text;
using Fajma.Core.Consultations;
using Fajma.Server.Alerts;
using Fajma.Server.Devices;
using Fajma.Server.Privacy;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fajma.Server.Tests;

/// <summary>
/// The ESP32 firmware's core, built for Linux (fajma-host-device), as a provisioned device against the real server:
/// mTLS with its bundle, signed readings on the doctor's board, commands answered, and a server restart ridden out by
/// its outbox with every reading stored exactly once.
/// </summary>
public sealed class HostDeviceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly int _mqttPort = LoopbackPorts.Free();
    private readonly int _mqttTlsPort = LoopbackPorts.Free();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fajma-host-device-" + Guid.NewGuid().ToString("N")[..8]);
    private TestDatabase _database = null!;
    private FajmaHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        _host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    // The same broker ports after a restart, as a real deployment keeps them: the device reconnects where it was.
    private Task<FajmaHost> StartHostAsync() => FajmaHost.StartAsync(_database, $"--Mqtt:Port={_mqttPort}", $"--Mqtt:TlsPort={_mqttTlsPort}");

    private static async Task<HostDevice.DeviceStats> UntilAsync(HostDevice device, Func<HostDevice.DeviceStats, bool> condition, string what, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (device.Stats() is { } stats && condition(stats)) return stats;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within {seconds} s; device stats {device.Stats()}; output:\n{device.Output}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task TheHostDevicesReadingsReachTheBoardItAnswersCommandsAndItsOutboxRidesOutAServerRestartExactlyOnce()
    {
        var (patientId, bundle) = await _host.ProvisionPatientWithDeviceAsync();
        var deviceId = bundle.Device.Id;
        var (hub, observations) = await _host.WatchAsync(patientId);
        await using var device = await HostDevice.StartAsync(bundle, _mqttTlsPort, _directory, intervalMs: 1000);

        // Signed readings over mTLS reach the doctor's live board.
        var first = await Wait.ForAsync(observations, o => o.DeviceId == deviceId && o.Type == "heart_rate", "the host device's first heart rate on the board");
        Assert.InRange(first.Value, 68, 76); // the synthetic 72 bpm pulse, through the firmware's own peak detection
        await hub.DisposeAsync();

        // A command through the server's own command path is carried out and answered "successful".
        var commands = _host.App.Services.GetRequiredService<DeviceCommands>();
        var readNow = await commands.SendAndAwaitAsync([(deviceId, bundle.Device.Type)], "request_sensor_data", null, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(DeviceCommandStatus.Successful, Assert.Single(readNow).Status);

        // set_sampling_rate (the contract's params) really changes the device's rate: 10 readings come well within 10 s.
        var channel = _host.App.Services.GetRequiredService<IDeviceCommandChannel>();
        var rate = $$$"""{"command":"set_sampling_rate","correlation_id":"{{{Guid.NewGuid()}}}","expires_at":{{{DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds()}}},"consultation_id":null,"params":{"interval_ms":200}}""";
        Assert.True(await channel.PublishCommandAsync(deviceId, Encoding.UTF8.GetBytes(rate), CancellationToken.None));
        var changed = await UntilAsync(device, s => s.IntervalMs == 200, "new sampling interval", 10);
        Assert.StartsWith("set_sampling_rate ok", changed.LastCommand, StringComparison.Ordinal);
        await UntilAsync(device, s => s.Readings >= changed.Readings + 10, "10 readings at the new rate", 6);

        // The server goes away while the device keeps measuring; its outbox holds what the broker did not acknowledge.
        await _host.StopKeepingDataAsync();
        var during = await UntilAsync(device, s => s.Outbox >= 10 && !s.Connected, "readings queued during the outage", 15);
        _host = await StartHostAsync();
        await UntilAsync(device, s => s.Connected && s.Readings > during.Readings + 5 && s.Outbox == 0, "the outbox drained after the restart", 60);
        var final = await device.StopAsync();

        var stored = await _host.QueryAsync(db => db.IngestedMessages.Where(m => m.DeviceId == deviceId && m.MessageType == "VITAL_SIGNS").Select(m => m.MessageKey).ToListAsync());
        var observed = await _host.QueryAsync(db => db.Observations.CountAsync(o => o.DeviceId == deviceId));
        var refusedByServer = await _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.DeviceMessageRejected && e.Target == deviceId));
        output.WriteLine($"host device: {final.Readings} readings made, {final.Acknowledged} acknowledged, {stored.Count} stored, "
            + $"{stored.Count - stored.Distinct().Count()} duplicates, {during.Outbox} queued during the outage, {final.Refused} refused, {final.Dropped} dropped");
        Assert.Equal((0L, 0L, 0L), (final.Outbox, final.Refused, final.Dropped));
        Assert.Equal(final.Readings, final.Acknowledged);
        Assert.Equal(final.Readings, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(3 * final.Readings, observed); // heart rate, SpO2 and temperature per reading, none twice
        Assert.Equal(0, refusedByServer); // vitals, status and command answers alike: nothing it sent was refused
    }

    [Fact]
    public async Task AHostDeviceMeasuringATachycardiaSendsOneSignedCriticalAlertThatPagesTheDoctor()
    {
        var (patientId, bundle) = await _host.ProvisionPatientWithDeviceAsync();
        var deviceId = bundle.Device.Id;
        await using var device = await HostDevice.StartAsync(bundle, _mqttTlsPort, _directory, intervalMs: 300, heartRate: 185);

        // Detected on the device (3 readings beyond 150 bpm), sent on …/alerts with QoS 2, read by the server as the device's own alert.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        AlertDto? alert;
        while ((alert = await DeviceAlertAsync()) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no device alert within 20 s; device stats {device.Stats()}; output:\n{device.Output}");
            await Task.Delay(200);
        }
        Assert.Equal(($"device:{deviceId}:TACHYCARDIA", "critical"), (alert.Rule, alert.Severity));
        Assert.InRange(alert.Measurements!["heart_rate"], 180, 190);

        // The tachycardia goes on: one episode, one alert — not one per reading.
        var later = await UntilAsync(device, s => s.Readings >= 15, "15 readings", 20);
        var final = await device.StopAsync();
        var alerts = await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}&kind=device");
        Assert.Equal((1L, 1, 1), (final.Alerts, Assert.Single(alerts!).Occurrences, alerts!.Count));
        Assert.True(later.Readings >= 15);

        async Task<AlertDto?> DeviceAlertAsync() =>
            (await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}&kind=device"))!.SingleOrDefault();
    }
}
