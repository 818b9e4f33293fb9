using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fajma.Server.Alerts;
using Fajma.Server.Alerts.Nudges;
using Fajma.Server.Alerts.Profiles;
using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// The patient hears first — by push, decrypted as their browser would — of a silent device, a low battery or a sensor
/// off the skin; a good reading clears it; the care team is paged only past the limit. On a fake clock: no sleeping.
/// </summary>
public sealed class NudgeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero); // 3 a.m.
    private readonly FakeTimeProvider _time = new(s_start);
    private FakePushService _push = null!;
    private FajmaHost _host = null!;
    private int _patients;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(_time),
            "--Paging:Push:AllowLoopback=true", "--Auth:AccessTokenLifetime=1000.00:00:00", "--Nudges:EscalateAfter=00:20:00");
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        _push.ExpectedVapidKey = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/push/vapid-public-key")).GetProperty("publicKey").GetString();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _push.DisposeAsync();
    }

    /// <summary>A patient with a device, signed in, whose phone subscribed to pushes in <paramref name="language"/>.</summary>
    private async Task<(int PatientId, string DeviceId, HttpClient Patient, string Phone)> PatientAsync(string type, string language = "en")
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync(type);
        var email = $"patient{Interlocked.Increment(ref _patients)}@test.fajma";
        await _host.CreateAccountAsync(email, Roles.Patient, FajmaHost.Password, patientId);
        var patient = new HttpClient { BaseAddress = _host.Url };
        patient.DefaultRequestHeaders.Authorization = new("Bearer", await _host.TokenAsync(email, FajmaHost.Password));
        var phone = $"phone-{patientId}";
        var subscription = JsonSerializer.SerializeToNode(_push.Subscribe(phone))!.AsObject();
        subscription["language"] = language;
        Assert.Equal(HttpStatusCode.Created, (await patient.PostAsJsonAsync("/api/v1/push/subscriptions", subscription)).StatusCode);
        return (patientId, deviceId, patient, phone);
    }

    private async Task SendAsync(string deviceId, int quality = 95, int battery = 85, TimeSpan skew = default) =>
        (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Oximeter(deviceId, _time.GetUtcNow() + skew, quality, battery)))).EnsureSuccessStatusCode();

    private static async Task<List<NudgeDto>> NudgesAsync(HttpClient client, int patientId) =>
        (await client.GetFromJsonAsync<List<NudgeDto>>($"/api/v1/patients/{patientId}/nudges"))!;

    private Task SweepSilenceAsync() => _host.App.Services.GetRequiredService<NoDataWatch>().SweepAsync(CancellationToken.None);

    private Task<FakePushService.Received> PushAsync(string phone, string what, bool close = false) =>
        _push.NextAsync(r => r.Browser == phone && r.Payload.GetProperty("close").GetBoolean() == close, what);

    [Fact]
    public async Task ASilentDeviceNudgesThePatientFirstAndPagesTheCareTeamOnlyPastTheLimitThenAReadingClearsBoth()
    {
        var (patientId, deviceId, patient, phone) = await PatientAsync(DeviceTypes.PulseOximeter);
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        await SendAsync(deviceId);

        _time.Advance(TimeSpan.FromSeconds(61));
        await SweepSilenceAsync();
        var nudge = await PushAsync(phone, "the patient's nudge about the silent oximeter");
        Assert.Equal(("nudge", "Your oximeter has gone quiet", false), (nudge.Payload.GetProperty("severity").GetString(),
            nudge.Payload.GetProperty("title").GetString(), nudge.Payload.GetProperty("canAcknowledge").GetBoolean()));
        var open = Assert.Single(await NudgesAsync(patient, patientId));
        Assert.Equal(("missing_measurement", deviceId, nudge.Payload.GetProperty("alertId").GetGuid()), (open.Kind, open.DeviceId, open.Id));
        Assert.DoesNotContain(doctor.Received(), a => a.Kind == "nodata"); // the patient first

        _time.Advance(TimeSpan.FromMinutes(20));
        await SweepSilenceAsync();
        var paged = await doctor.NextAsync(a => a.Kind == "nodata" && a.Event == "raised", "the care team's no-data alert past the limit");
        Assert.Equal($"nodata:{deviceId}", paged.Rule);
        await Wait.UntilAsync(async () => (await NudgesAsync(_host.Http, patientId)).Single().EscalatedAt is not null, "the nudge marked escalated, as the doctor sees it");

        await SendAsync(deviceId);
        await doctor.NextAsync(a => a.Id == paged.Id && a.Event == "resolved", "the alert resolved by the reading");
        var cleared = await PushAsync(phone, "the push that replaces the nudge's notification", close: true);
        Assert.Equal(open.Id, cleared.Payload.GetProperty("alertId").GetGuid()); // same tag: the notification is replaced
        Assert.NotNull((await NudgesAsync(patient, patientId)).Single().ClearedAt);
    }

    [Fact]
    public async Task AReadingBeforeTheLimitClearsTheNudgeAndNobodyIsPaged()
    {
        var (patientId, deviceId, patient, phone) = await PatientAsync(DeviceTypes.PulseOximeter);
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        await SendAsync(deviceId);
        _time.Advance(TimeSpan.FromSeconds(61));
        await SweepSilenceAsync();
        await PushAsync(phone, "the nudge");

        await SendAsync(deviceId); // the patient put it back on
        await PushAsync(phone, "the nudge cleared", close: true);
        _time.Advance(TimeSpan.FromSeconds(30));
        await SendAsync(deviceId);
        _time.Advance(TimeSpan.FromMinutes(20)); // well past the first nudge's limit
        await SweepSilenceAsync(); // silent again: a new nudge, with a new limit
        await PushAsync(phone, "a new nudge for the new silence");
        Assert.DoesNotContain(doctor.Received(), a => a.Kind == "nodata");
        var nudges = await NudgesAsync(patient, patientId);
        Assert.Equal([true, false], nudges.OrderBy(n => n.RaisedAt).Select(n => n.ClearedAt is not null));
        Assert.All(nudges, n => Assert.Null(n.EscalatedAt));
    }

    [Fact]
    public async Task ALowBatteryNudgesThePatientInTheirLanguageThenPagesTheCareTeamPastTheLimitAndChargingClearsIt()
    {
        var (patientId, deviceId, patient, phone) = await PatientAsync(DeviceTypes.Thermometer, "fr"); // silent for an hour before no-data
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        await SendAsync(deviceId, battery: 12);
        var nudge = await PushAsync(phone, "the low-battery nudge");
        Assert.Equal(("Votre thermomètre doit être rechargé", true), (nudge.Payload.GetProperty("title").GetString(),
            nudge.Payload.GetProperty("body").GetString()!.Contains("12 %", StringComparison.Ordinal)));

        await SendAsync(deviceId, battery: 17); // above the nudge level but not yet recovered: still low, no second nudge
        _time.Advance(TimeSpan.FromMinutes(20));
        _host.App.Services.GetRequiredService<PatientNudges>().Sweep();
        var paged = await doctor.NextAsync(a => a.Rule == $"device:{deviceId}:LOW_BATTERY" && a.Event == "raised", "the care team's low-battery alert");
        Assert.Equal(("device", "warning"), (paged.Kind, paged.Severity));

        await SendAsync(deviceId, battery: 60);
        await doctor.NextAsync(a => a.Id == paged.Id && a.Event == "resolved", "the alert resolved once charged");
        Assert.Equal("Merci, tout est en ordre", (await PushAsync(phone, "the cleared nudge", close: true)).Payload.GetProperty("title").GetString());
        var only = Assert.Single(await NudgesAsync(patient, patientId));
        Assert.Equal(("low_battery", 12), (only.Kind, only.Battery));
    }

    [Fact]
    public async Task DoubtfulReadingsForTwoMinutesNudgeTheSensorBackOnButNotFromADoubtfulClockOrAReplay()
    {
        var (patientId, deviceId, patient, phone) = await PatientAsync(DeviceTypes.PulseOximeter);
        var (skewedId, skewedDevice, skewedPatient, _) = await PatientAsync(DeviceTypes.PulseOximeter);
        var (replayedId, replayedDevice, replayedPatient, _) = await PatientAsync(DeviceTypes.PulseOximeter);
        var replay = Messages.Oximeter(replayedDevice, _time.GetUtcNow(), quality: 20);
        for (var step = 0; step <= 6; step++) // three minutes, a reading every 30 s
        {
            await SendAsync(deviceId, quality: 20);
            (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(replay))).EnsureSuccessStatusCode(); // the same message again and again
            await SendAsync(skewedDevice, quality: 20, skew: TimeSpan.FromSeconds(3)); // a clock 3 s off: its readings cannot be placed in time
            _time.Advance(TimeSpan.FromSeconds(30));
        }
        var nudge = await PushAsync(phone, "the off-skin nudge");
        Assert.Equal("Your oximeter seems to be off", nudge.Payload.GetProperty("title").GetString());
        Assert.Contains("finger", nudge.Payload.GetProperty("body").GetString(), StringComparison.Ordinal);

        await SendAsync(deviceId, quality: 95);
        await PushAsync(phone, "the off-skin nudge cleared by a good reading", close: true);
        Assert.Equal("sensor_off_skin", Assert.Single(await NudgesAsync(patient, patientId)).Kind);
        Assert.DoesNotContain(await NudgesAsync(skewedPatient, skewedId), n => n.Kind == "sensor_off_skin");
        Assert.DoesNotContain(await NudgesAsync(replayedPatient, replayedId), n => n.Kind == "sensor_off_skin"); // (its silence is another nudge: a replay proves no device alive)
    }

    [Fact]
    public async Task ADeviceOffPeriodMeansNoNudgeForSilenceAndThePatientCanDismissOne()
    {
        var (patientId, deviceId, patient, phone) = await PatientAsync(DeviceTypes.PulseOximeter);
        var profile = new AlarmProfileRequest(null, null, null, null, null, [new DeviceOffPeriodDto(s_start, s_start.AddHours(1), null)]);
        (await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile", profile)).EnsureSuccessStatusCode();
        await SendAsync(deviceId);
        _time.Advance(TimeSpan.FromMinutes(30));
        await SweepSilenceAsync();
        Assert.Empty(await NudgesAsync(patient, patientId));

        _time.SetUtcNow(s_start.AddHours(1).AddMinutes(2)); // the shower is over, and the oximeter still off
        await SweepSilenceAsync();
        var nudge = await PushAsync(phone, "the nudge once the period is over");
        var id = nudge.Payload.GetProperty("alertId").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.PostAsync($"/api/v1/patients/{patientId}/nudges/{id}/dismiss", null)).StatusCode); // the patient's alone
        var dismissed = await (await patient.PostAsync($"/api/v1/patients/{patientId}/nudges/{id}/dismiss", null)).Content.ReadFromJsonAsync<NudgeDto>();
        Assert.Equal((id, true, null), (dismissed!.Id, dismissed.DismissedAt is not null, dismissed.ClearedAt)); // seen, still open until put right
    }
}
