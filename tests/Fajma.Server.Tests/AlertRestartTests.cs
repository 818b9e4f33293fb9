using System.Net.Http.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>Rule state survives a restart: an open alert stays the same alert, folds the readings that follow and resolves by itself.</summary>
public sealed class AlertRestartTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private long _uptime;
    private FajmaHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        _host = await FajmaHost.StartAsync(_database);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Connects (the broker's port changes with each start) and sends, the uptime counter going on from the last batch.</summary>
    private async Task SendAsync(string deviceId, params double[] temperatures)
    {
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId, Interlocked.Add(ref _uptime, 100_000));
        foreach (var temperature in temperatures) await device.SendAsync(temperature: temperature);
    }

    [Fact]
    public async Task AnOpenAlertComesBackAfterARestartAndIsNotRaisedTwice()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using (var before = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId))
        {
            await SendAsync(deviceId, 39.2, 39.4);
            await before.NextAsync(a => a.Rule == "temperature:high", "the fever alert");
        }
        var raised = (await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}"))!.Single();
        await Wait.UntilAsync(async () => await _host.QueryAsync(db => db.Alerts.FindAsync(raised.Id).AsTask()) is not null, "the alert journaled");

        await _host.StopKeepingDataAsync();
        _host = await FajmaHost.StartAsync(_database);

        var active = await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?status=active&patientId={patientId}");
        Assert.Equal((raised.Id, "raised", 39.4), (Assert.Single(active!).Id, active![0].Status, active[0].Value));
        await using var after = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        await SendAsync(deviceId, 39.6, 38.1, 38.0);
        var resolved = await after.NextAsync(a => a.Event == "resolved", "the resolution after the restart");
        // The same alert: raised on the 2nd reading (1), 39.6 folded in after the restart (2); 38.1 and 38.0 are back under 38.5 by the 0.3 °C hysteresis.
        Assert.Equal((raised.Id, 2), (resolved.Id, resolved.Occurrences));
        Assert.DoesNotContain(after.Received(), a => a.Event == "raised");
    }
}
