using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>Reminders, escalation and silence, on a fake clock the test moves: no sleeping.</summary>
public sealed class AlertEscalationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FajmaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(_time),
            "--Nudges:EscalateAfter=00:00:00"); // silence pages the care team at once (the patient's nudge first is NudgeTests')

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnUnacknowledgedAlertRemindsThenPagesTheNextDoctorThenAdminsWhoSeeNoValues()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (secondId, secondToken) = await _host.DoctorInCareTeamAsync("second@test.fajma", patientId);
        await using var first = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken);
        await using var second = await AlertListener.ConnectAsync(_host.Url, secondToken);
        await using var admin = await AlertListener.ConnectAsync(_host.Url, _host.AdminToken);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(160);
        await device.SendAsync(165);
        var raised = await first.NextAsync(a => a.Event == "raised", "the alert paging the first doctor");
        Assert.Equal([_host.DoctorId], raised.Paged);

        _time.Advance(TimeSpan.FromMinutes(2));
        await first.NextAsync(a => a.Id == raised.Id && a.Event == "reminder", "a reminder after two minutes");
        // (The device has been silent for two fake minutes too: its no-data alert and the admins' system alert are other alerts.)
        Assert.DoesNotContain(second.Received(), a => a.Id == raised.Id);
        Assert.DoesNotContain(admin.Received(), a => a.Id == raised.Id);

        _time.Advance(TimeSpan.FromMinutes(3));
        var escalated = await second.NextAsync(a => a.Id == raised.Id && a.Event == "escalated", "the page to the next doctor at five minutes");
        Assert.Equal([_host.DoctorId, secondId], escalated.Paged);
        Assert.Equal((false, 165.0), (escalated.AdminsPaged, escalated.Value));
        Assert.DoesNotContain(admin.Received(), a => a.Id == raised.Id);

        _time.Advance(TimeSpan.FromMinutes(5));
        var toAdmins = await admin.NextAsync(a => a.Id == raised.Id && a.Event == "escalated", "the page to admins at ten minutes");
        Assert.True(toAdmins.AdminsPaged);
        Assert.Equal((null, null, null), (toAdmins.Value, toAdmins.VitalType, toAdmins.Detail)); // admins read no clinical data
        Assert.DoesNotContain("165", toAdmins.Title, StringComparison.Ordinal);

        using var asAdmin = new HttpClient { BaseAddress = _host.Url };
        asAdmin.DefaultRequestHeaders.Authorization = new("Bearer", _host.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null)).StatusCode);
        var acknowledged = await second.NextAsync(a => a.Id == raised.Id && a.Event == "acknowledged", "the acknowledgement");
        Assert.Equal("Administrator", acknowledged.AcknowledgedByName);
        // Admins acknowledge (they reached someone) but do not resolve a patient's alert.
        Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.PostAsJsonAsync($"/api/v1/alerts/{raised.Id}/resolve", new ResolveAlertRequest("done"))).StatusCode);

        var escalations = await _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == Privacy.AuditActions.AlertEscalated && e.Target == $"alert:{raised.Id}"));
        Assert.Equal(2, escalations);
    }

    [Fact]
    public async Task ADeviceThatFallsSilentRaisesNoDataAndDataComingBackResolvesIt()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(72);

        _time.Advance(TimeSpan.FromSeconds(61)); // an ESP32 monitor sends every few seconds; 60 s of silence is no longer normal

        var silent = await doctor.NextAsync(a => a.Kind == "nodata", "the no-data alert");
        Assert.Equal(($"nodata:{deviceId}", "major", deviceId), (silent.Rule, silent.Severity, silent.DeviceId));
        await device.SendAsync(74);
        var back = await doctor.NextAsync(a => a.Id == silent.Id && a.Event == "resolved", "the resolution when data returns");
        Assert.Null(back.ResolvedBy);
    }

    [Fact]
    public async Task ANoDataAlertResolvedByHandDoesNotPageAgainUntilTheDeviceHasSentAgain()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(72);
        _time.Advance(TimeSpan.FromSeconds(61));
        var silent = await doctor.NextAsync(a => a.Kind == "nodata", "the no-data alert");

        (await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{silent.Id}/resolve", new ResolveAlertRequest("Patient in the shower; monitor off"))).EnsureSuccessStatusCode();
        await doctor.NextAsync(a => a.Id == silent.Id && a.Event == "resolved", "the resolution");
        _time.Advance(TimeSpan.FromSeconds(120));
        await _host.App.Services.GetRequiredService<NoDataWatch>().SweepAsync(CancellationToken.None);
        Assert.DoesNotContain(doctor.Received(), a => a.Kind == "nodata" && a.Event == "raised");

        await device.SendAsync(73); // back on: watched again, and silence counts anew
        _time.Advance(TimeSpan.FromSeconds(61));
        var again = await doctor.NextAsync(a => a.Kind == "nodata" && a.Event == "raised", "a new no-data alert after the next silence");
        Assert.NotEqual(silent.Id, again.Id);
    }

    [Fact]
    public async Task ADeviceThatNeverSentSinceItWasProvisionedRaisesNoDataOnce()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        var watch = _host.App.Services.GetRequiredService<NoDataWatch>();

        _time.Advance(TimeSpan.FromSeconds(61)); // provisioned a minute ago, never heard from
        await watch.WatchNeverSentAsync(CancellationToken.None);
        await watch.SweepAsync(CancellationToken.None);
        var silent = await doctor.NextAsync(a => a.Kind == "nodata", "the no-data alert of a device that never sent");
        Assert.Equal(($"nodata:{deviceId}", "major", deviceId), (silent.Rule, silent.Severity, silent.DeviceId));
        Assert.Contains("since it was provisioned", silent.Title, StringComparison.Ordinal);

        (await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{silent.Id}/resolve", new ResolveAlertRequest("Monitor not delivered yet"))).EnsureSuccessStatusCode();
        await doctor.NextAsync(a => a.Id == silent.Id && a.Event == "resolved", "the resolution");
        _time.Advance(TimeSpan.FromMinutes(11)); // past the one-raise claim: only the alert on record keeps it quiet
        await watch.WatchNeverSentAsync(CancellationToken.None);
        await watch.SweepAsync(CancellationToken.None);
        Assert.DoesNotContain(doctor.Received(), a => a.Kind == "nodata" && a.Event == "raised" && a.Id != silent.Id);
    }

    [Fact]
    public async Task ADeviceGoneWithoutGoodbyeRaisesNoDataAfterTheReconnectGrace()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        var client = await TestMqtt.ConnectDeviceAsync(_host.MqttPort, deviceId, will: true);
        await new Esp32(client, deviceId).SendAsync(72);

        client.Dispose(); // the socket closes without a DISCONNECT: the broker publishes the last will
        await Wait.UntilAsync(async () => !(await ConnectedAsync(deviceId)), "the broker noticing the device is gone");
        // The broker's disconnect handling and this test race; move time a second at a time until the alert comes.
        AlertDto? lost = null;
        await Wait.UntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            lost ??= doctor.Received().FirstOrDefault(a => a.Kind == "nodata");
            return Task.FromResult(lost is not null);
        }, "the connection-lost alert");
        Assert.Contains("Connection to", lost!.Title, StringComparison.Ordinal); // within the grace, long before the 60 s of plain silence
    }

    private async Task<bool> ConnectedAsync(string deviceId)
    {
        var ingestion = _host.App.Services.GetRequiredService<Ingestion.Mqtt.MqttIngestion>();
        return await ingestion.IsConnectedAsync(deviceId);
    }
}
