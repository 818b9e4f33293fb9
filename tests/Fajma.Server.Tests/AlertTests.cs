using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// Threshold alerts end to end: a real device over MQTT, the real engine, doctors' real SignalR connections, on
/// each provider (the alert journal, the history's filters and visibility are queries of their own).
/// </summary>
public abstract class AlertTests(FajmaHost host)
{
    private readonly FajmaHost _host = host;
    [Fact]
    public async Task TwoReadingsAboveTheLimitPageTheDoctorLiveEvenWhenNotWatchingThatPatient()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken); // subscribed to nobody
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);

        await device.SendAsync(131);
        await device.SendAsync(134);

        var alert = await doctor.NextAsync(a => a.PatientId == patientId, "the tachycardia alert");
        Assert.Equal(("raised", "threshold", "heart_rate:high", "critical", "raised"), (alert.Event, alert.Kind, alert.Rule, alert.Severity, alert.Status));
        Assert.Equal(("heart_rate", 120.0, 134.0, "bpm", deviceId), (alert.VitalType, alert.Limit, alert.Value, alert.Unit, alert.DeviceId));
        Assert.Equal([_host.DoctorId], alert.Paged);
        Assert.Contains("above 120 bpm", alert.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneNoisyReadingOrADoubtfulOneDoesNotPage()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);

        await device.SendAsync(140);
        await device.SendAsync(80);
        await device.SendAsync(45, spo2: 97);
        await device.SendAsync(80);

        var active = await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}");
        Assert.Empty(active!);
        Assert.Empty(doctor.Received());
    }

    [Fact]
    public async Task RepeatsFoldIntoTheOpenAlertAndNormalValuesResolveItByThemselves()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);

        foreach (var spo2 in new[] { 88.0, 87, 86, 85, 86 }) await device.SendAsync(80, spo2);
        var raised = await doctor.NextAsync(a => a.Rule == "spo2:low", "the desaturation alert");
        // 91 is inside the limit (90) but not by the hysteresis (2 %): still open. 93 twice resolves.
        foreach (var spo2 in new[] { 91.0, 93, 94 }) await device.SendAsync(80, spo2);

        var resolved = await doctor.NextAsync(a => a.Id == raised.Id && a.Event == "resolved", "the resolution");
        Assert.Equal(("resolved", null, null), (resolved.Status, resolved.ResolvedBy, resolved.AcknowledgedBy));
        Assert.Equal(4, resolved.Occurrences); // raised on the 2nd reading, then 3 more beyond
        Assert.DoesNotContain(doctor.Received(), a => a.Event == "raised");
        var history = await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}&status=resolved");
        Assert.Equal(raised.Id, Assert.Single(history!).Id);
    }

    [Fact]
    public async Task AcknowledgingReachesAnotherDoctorsScreenAndResolvingByHandNeedsANote()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (_, otherToken) = await _host.DoctorInCareTeamAsync($"colleague-{patientId}@test.fajma", patientId);
        await using var colleague = await AlertListener.ConnectAsync(_host.Url, otherToken, patientId);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(40);
        await device.SendAsync(42);
        var raised = await colleague.NextAsync(a => a.Rule == "heart_rate:low", "the bradycardia alert");

        var ack = await _host.Http.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var seen = await colleague.NextAsync(a => a.Id == raised.Id && a.Event == "acknowledged", "the acknowledgement on the colleague's screen");
        Assert.Equal(("acknowledged", _host.DoctorId, DoctorName), (seen.Status, seen.AcknowledgedBy, seen.AcknowledgedByName));
        Assert.Empty(seen.Paged); // acknowledged: nobody is paged any more

        var noNote = await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{raised.Id}/resolve", new ResolveAlertRequest(" "));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("note", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var resolve = await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{raised.Id}/resolve", new ResolveAlertRequest("Sensor strap loose; refitted, HR 72"));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var done = await colleague.NextAsync(a => a.Id == raised.Id && a.Event == "resolved", "the resolution on the colleague's screen");
        Assert.Equal((_host.DoctorId, "Sensor strap loose; refitted, HR 72"), (done.ResolvedBy, done.ResolutionNote));
        Assert.Equal(HttpStatusCode.Conflict, (await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{raised.Id}/resolve", new ResolveAlertRequest("again"))).StatusCode);

        await Wait.UntilAsync(async () => (await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}"))!
            .SingleOrDefault()?.ResolutionNote == "Sensor strap loose; refitted, HR 72", "the note in the history");
    }

    [Fact]
    public async Task APatientNeverReceivesOrReadsAnotherPatientsAlert()
    {
        var (patientA, deviceA) = await _host.RegisterPatientWithDeviceAsync();
        var (patientB, _) = await _host.RegisterPatientWithDeviceAsync();
        await _host.CreateAccountAsync($"a-{patientA}@test.fajma", Identity.Roles.Patient, FajmaHost.Password, patientA);
        await _host.CreateAccountAsync($"b-{patientB}@test.fajma", Identity.Roles.Patient, FajmaHost.Password, patientB);
        var tokenA = await _host.TokenAsync($"a-{patientA}@test.fajma", FajmaHost.Password);
        var tokenB = await _host.TokenAsync($"b-{patientB}@test.fajma", FajmaHost.Password);
        await using var a = await AlertListener.ConnectAsync(_host.Url, tokenA, patientA);
        await using var b = await AlertListener.ConnectAsync(_host.Url, tokenB, patientB);
        using var client = await _host.ConnectMqttAsync(deviceA);
        var device = new Esp32(client, deviceA);

        await device.SendAsync(150);
        await device.SendAsync(151);

        var own = await a.NextAsync(x => x.Rule == "heart_rate:high", "A's own alert");
        Assert.Empty(b.Received());
        using var asB = new HttpClient { BaseAddress = _host.Url };
        asB.DefaultRequestHeaders.Authorization = new("Bearer", tokenB);
        Assert.Empty((await asB.GetFromJsonAsync<List<AlertDto>>("/api/v1/alerts"))!);
        Assert.Empty((await asB.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientA}"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await asB.PostAsync($"/api/v1/alerts/{own.Id}/acknowledge", null)).StatusCode);
        using var asA = new HttpClient { BaseAddress = _host.Url };
        asA.DefaultRequestHeaders.Authorization = new("Bearer", tokenA);
        Assert.Equal(HttpStatusCode.NotFound, (await asA.PostAsync($"/api/v1/alerts/{own.Id}/acknowledge", null)).StatusCode); // patients do not acknowledge
    }

    [Fact]
    public async Task APatientsOwnLimitReplacesTheDefaultFromTheNextReading()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        var set = await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/thresholds/heart_rate", new Monitoring.ThresholdRequest(45, 100));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var bad = await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/thresholds/heart_rate", new Monitoring.ThresholdRequest(100, 90));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);

        await device.SendAsync(105);
        await device.SendAsync(108);

        var alert = await doctor.NextAsync(a => a.Rule == "heart_rate:high", "the alert at the patient's own limit");
        Assert.Equal((100.0, 108.0), (alert.Limit, alert.Value));
    }

    private const string DoctorName = FajmaHost.DoctorEmail;
}

public sealed class SqliteAlertTests(SqliteHostFixture fixture) : AlertTests(fixture.Host), IClassFixture<SqliteHostFixture>;

public sealed class PostgresAlertTests(PostgresHostFixture fixture) : AlertTests(fixture.Host), IClassFixture<PostgresHostFixture>;
