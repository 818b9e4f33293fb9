using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Alerts.Profiles;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// Alarm profiles through the real host, on a fake clock that starts the evening before the spring-forward night in
/// Paris (28 March 2026, 20:00 UTC; access tokens made to outlive the real clock): delays, night limits, snoozes,
/// device-off periods, trend alerts — none from a doubtful clock or a replay — and the alarm burden.
/// </summary>
public sealed class AlarmProfileTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 28, 20, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(s_start);
    private FajmaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(_time), "--Auth:AccessTokenLifetime=1000.00:00:00",
            "--Nudges:EscalateAfter=00:00:00"); // silence pages the care team at once (the patient's nudge first is NudgeTests')

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static SignLimitsDto Spo2(int delaySeconds = 0, double? nightLow = null, string? severity = null) => new("spo2", 90, null, nightLow, null, delaySeconds, severity);

    private async Task<AlarmProfileDto> PutAsync(int patientId, IReadOnlyList<SignLimitsDto>? limits = null, IReadOnlyList<TrendRuleDto>? trends = null,
        IReadOnlyList<DeviceOffPeriodDto>? deviceOff = null)
    {
        var response = await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile",
            new AlarmProfileRequest("Europe/Paris", "22:00", "07:00", limits ?? [], trends ?? [], deviceOff ?? []));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AlarmProfileDto>())!;
    }

    private async Task<List<AlertDto>> ActiveAsync(int patientId) =>
        (await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}&status=active"))!;

    private async Task<(int PatientId, Esp32 Device, AlertListener Doctor, IDisposable Client)> PatientAsync()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        var client = await _host.ConnectMqttAsync(deviceId);
        return (patientId, new Esp32(client, deviceId), doctor, client);
    }

    [Fact]
    public async Task ADelayHoldsALowSpo2BackUntilTwoMinutesOutOfRangeAndAReadingBackInRangeResetsIt()
    {
        var (patientId, device, doctor, client) = await PatientAsync();
        using var _ = client;
        await using var __ = doctor;
        await PutAsync(patientId, [Spo2(delaySeconds: 120)]);

        await device.SendAsync(80, spo2: 85);
        _time.Advance(TimeSpan.FromSeconds(90));
        await device.SendAsync(80, spo2: 85);
        await device.SendAsync(80, spo2: 95); // back in range before two minutes: the delay starts again
        _time.Advance(TimeSpan.FromSeconds(60));
        await device.SendAsync(80, spo2: 85);
        _time.Advance(TimeSpan.FromSeconds(100));
        await device.SendAsync(80, spo2: 85); // 100 s beyond since the reset (150 s since the first)
        Assert.DoesNotContain(await ActiveAsync(patientId), a => a.Rule == "spo2:low");

        _time.Advance(TimeSpan.FromSeconds(21));
        await device.SendAsync(80, spo2: 84);

        var raised = await doctor.NextAsync(a => a.Rule == "spo2:low" && a.Event == "raised", "the delayed desaturation alert");
        Assert.Equal(84.0, raised.Value);
        Assert.Equal(_time.GetUtcNow(), raised.RaisedAt);
    }

    [Fact]
    public async Task ANightLimitAppliesAtNightAndTheDayLimitByDayInThePatientsZoneAcrossTheSpringForwardNight()
    {
        var (patientId, device, doctor, client) = await PatientAsync();
        using var _ = client;
        await using var __ = doctor;
        await PutAsync(patientId, [Spo2(nightLow: 85)]);

        _time.Advance(TimeSpan.FromMinutes(90)); // 21:30 UTC = 22:30 in Paris (CET): night, 88 % is above the night limit
        await device.SendAsync(80, spo2: 88);
        await device.SendAsync(80, spo2: 88);
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 4, 30, 0, TimeSpan.Zero)); // 06:30 CEST: the clocks went forward at 02:00, still night
        await device.SendAsync(80, spo2: 88);
        await device.SendAsync(80, spo2: 88);
        Assert.DoesNotContain(await ActiveAsync(patientId), a => a.Rule == "spo2:low");

        // 05:00 UTC: 06:00 by yesterday's offset, but 07:00 in Paris now — day, and the day limit (90 %) holds.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 5, 0, 0, TimeSpan.Zero));
        await device.SendAsync(80, spo2: 88);
        await device.SendAsync(80, spo2: 88);

        var raised = await doctor.NextAsync(a => a.Rule == "spo2:low" && a.Event == "raised", "the day-limit alert at 07:00 CEST");
        Assert.Equal(90.0, raised.Limit);
    }

    [Fact]
    public async Task ASnoozeStopsARulesPageUntilItExpiresAndACriticalRuleCannotBeSnoozed()
    {
        var (patientId, device, doctor, client) = await PatientAsync();
        using var _ = client;
        await using var __ = doctor;
        await PutAsync(patientId, [Spo2(severity: "major")]);

        var critical = await _host.Http.PostAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile/snoozes", new SnoozeRequest("heart_rate:high", s_start.AddHours(1)));
        Assert.Equal(HttpStatusCode.BadRequest, critical.StatusCode);
        Assert.Contains("rule", (await critical.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        var snoozed = await _host.Http.PostAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile/snoozes", new SnoozeRequest("spo2:low", s_start.AddMinutes(30)));
        Assert.Equal(HttpStatusCode.Created, snoozed.StatusCode);

        foreach (var spo2 in new[] { 86.0, 85, 85 }) await device.SendAsync(80, spo2);
        Assert.DoesNotContain(await ActiveAsync(patientId), a => a.Rule == "spo2:low");
        var profile = await _host.Http.GetFromJsonAsync<AlarmProfileDto>($"/api/v1/patients/{patientId}/alarm-profile");
        Assert.Equal("spo2:low", Assert.Single(profile!.Snoozes).Rule);

        _time.Advance(TimeSpan.FromMinutes(31));
        await device.SendAsync(80, spo2: 85); // the rule kept counting: the first reading after the snooze pages

        var raised = await doctor.NextAsync(a => a.Rule == "spo2:low" && a.Event == "raised", "the alert once the snooze expired");
        Assert.Equal("major", raised.Severity);
    }

    [Fact]
    public async Task ADeviceOffPeriodSilencesNoDataWhileItLastsAndSilenceCountsFromItsEnd()
    {
        var (patientId, device, doctor, client) = await PatientAsync();
        using var _ = client;
        await using var __ = doctor;
        await PutAsync(patientId, deviceOff: [new DeviceOffPeriodDto(s_start, s_start.AddHours(1), null)]);
        var watch = _host.App.Services.GetRequiredService<NoDataWatch>();
        await device.SendAsync(72);

        _time.Advance(TimeSpan.FromMinutes(30));
        await watch.SweepAsync(CancellationToken.None);
        _time.SetUtcNow(s_start.AddHours(1).AddSeconds(30)); // the period is over, but not yet a minute of silence since
        await watch.SweepAsync(CancellationToken.None);
        Assert.DoesNotContain(await ActiveAsync(patientId), a => a.Kind == "nodata");

        _time.Advance(TimeSpan.FromSeconds(31));
        await watch.SweepAsync(CancellationToken.None);

        await doctor.NextAsync(a => a.Kind == "nodata" && a.Event == "raised", "the no-data alert a minute after the period");
        Assert.DoesNotContain(doctor.Received(), a => a.Kind == "nodata" && a.RaisedAt < s_start.AddHours(1));
    }

    [Fact]
    public async Task AnSpo2FallOfFourPointsInTenMinutesRaisesATrendAlertWhileStillInsideTheLimit()
    {
        var (patientId, device, doctor, client) = await PatientAsync();
        using var _ = client;
        await using var __ = doctor;
        await PutAsync(patientId, trends: [new TrendRuleDto("spo2", "down", 4, 10, "major")]);

        foreach (var spo2 in new[] { 97.0, 96, 95 })
        {
            await device.SendAsync(80, spo2);
            _time.Advance(TimeSpan.FromMinutes(3));
        }
        Assert.DoesNotContain(await ActiveAsync(patientId), a => a.Kind == "trend");
        await device.SendAsync(80, spo2: 93);

        var trend = await doctor.NextAsync(a => a.Kind == "trend" && a.Event == "raised", "the SpO2 trend alert");
        Assert.Equal(("trend:spo2:down", "major", 93.0), (trend.Rule, trend.Severity, trend.Value));
        Assert.DoesNotContain(await ActiveAsync(patientId), a => a.Rule == "spo2:low"); // 93 % is inside the limit: only the trend saw it
    }

    /// <summary>The same rise of heart rate, over HTTP with the device's own clock: 3 s off it never pages, a replay never pages, in step it does.</summary>
    [Fact]
    public async Task AHeartRateRiseFromADeviceWithADoubtfulClockOrFromAReplayNeverPagesButFromAGoodClockDoes()
    {
        var trend = new TrendRuleDto("heart_rate", "up", 30, 15, "major");
        async Task<(int PatientId, string DeviceId)> RiseAsync(TimeSpan skew, bool replayTheHighOne)
        {
            var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync(Fajma.Server.Devices.DeviceTypes.PulseOximeter);
            await PutAsync(patientId, trends: [trend]);
            var high = Messages.Standard(deviceId, Guid.NewGuid(), _time.GetUtcNow() + skew, heartRate: 110);
            if (replayTheHighOne) (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(high))).EnsureSuccessStatusCode();
            (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), _time.GetUtcNow() + skew, heartRate: 70)))).EnsureSuccessStatusCode();
            _time.Advance(TimeSpan.FromMinutes(1));
            var again = replayTheHighOne ? high : Messages.Standard(deviceId, Guid.NewGuid(), _time.GetUtcNow() + skew, heartRate: 110);
            (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(again))).EnsureSuccessStatusCode();
            return (patientId, deviceId);
        }
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken);

        var doubtful = await RiseAsync(TimeSpan.FromSeconds(3), replayTheHighOne: false);
        var replayed = await RiseAsync(TimeSpan.Zero, replayTheHighOne: true);
        var good = await RiseAsync(TimeSpan.Zero, replayTheHighOne: false);

        await doctor.NextAsync(a => a.PatientId == good.PatientId && a.Rule == "trend:heart_rate:up", "the trend alert from the device in step");
        Assert.DoesNotContain(await ActiveAsync(doubtful.PatientId), a => a.Kind == "trend");
        Assert.DoesNotContain(await ActiveAsync(replayed.PatientId), a => a.Kind == "trend");
        Assert.DoesNotContain(doctor.Received(), a => a.Kind == "trend" && a.PatientId != good.PatientId);
    }

    [Fact]
    public async Task TheBurdenCountsWhatEachRuleFiredAndHowDoctorsJudgedIt()
    {
        var (patientId, device, doctor, client) = await PatientAsync();
        using var _ = client;
        await using var __ = doctor;
        async Task<AlertDto> DesaturateAsync(Guid? before)
        {
            await device.SendAsync(80, spo2: 85);
            await device.SendAsync(80, spo2: 85);
            return await doctor.NextAsync(a => a.Rule == "spo2:low" && a.Event == "raised" && a.Id != before, "a desaturation alert");
        }

        var first = await DesaturateAsync(null);
        _time.Advance(TimeSpan.FromSeconds(30));
        var wrongOutcome = await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{first.Id}/resolve", new ResolveAlertRequest("probe slipped", "maybe"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongOutcome.StatusCode);
        Assert.Contains("outcome", (await wrongOutcome.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        (await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{first.Id}/resolve", new ResolveAlertRequest("probe slipped", "not_actionable"))).EnsureSuccessStatusCode();
        var second = await DesaturateAsync(first.Id);
        _time.Advance(TimeSpan.FromSeconds(90));
        (await _host.Http.PostAsync($"/api/v1/alerts/{second.Id}/acknowledge", null)).EnsureSuccessStatusCode();
        (await _host.Http.PostAsJsonAsync($"/api/v1/alerts/{second.Id}/resolve", new ResolveAlertRequest("oxygen started", "actionable"))).EnsureSuccessStatusCode();
        foreach (var rate in new[] { 130.0, 131, 80, 80 }) await device.SendAsync(rate, spo2: 97); // raised, then resolved by the values

        var burden = await _host.Http.GetFromJsonAsync<AlarmBurdenDto>($"/api/v1/patients/{patientId}/alarm-burden?days=7");

        var spo2 = burden!.Rules.Single(r => r.Rule == "spo2:low");
        Assert.Equal((2, 1, 1, 0, 0), (spo2.Fired, spo2.Actionable, spo2.NotActionable, spo2.ResolvedByValues, spo2.Open));
        Assert.Equal(60, spo2.MedianSecondsToAcknowledge); // 30 s and 90 s
        var heart = burden.Rules.Single(r => r.Rule == "heart_rate:high");
        Assert.Equal((1, 0, 0, 1), (heart.Fired, heart.Actionable, heart.NotActionable, heart.ResolvedByValues));
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Http.GetAsync($"/api/v1/patients/{patientId}/alarm-burden?days=0")).StatusCode);
    }

    [Fact]
    public async Task ABadProfileIsRefusedNamingTheFieldAndChangesNothingAndAPatientReadsTheirOwnButCannotEditIt()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        await PutAsync(patientId, [Spo2(delaySeconds: 15)]);

        var bad = await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile",
            new AlarmProfileRequest("Mars/Olympus", "22:00", "07:00", [new SignLimitsDto("spo2", 92, null, 88, null, 30, null)], [new TrendRuleDto("spo2", "sideways", 4, 10, null)], []));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors;
        Assert.Contains("timeZone", errors.Keys);
        Assert.Contains("trends[0].direction", errors.Keys);
        var kept = await _host.Http.GetFromJsonAsync<AlarmProfileDto>($"/api/v1/patients/{patientId}/alarm-profile");
        var spo2 = kept!.Limits.Single(l => l.Type == "spo2");
        Assert.Equal((90.0, (double?)null, 15), (spo2.Low!.Value, spo2.NightLow, spo2.DelaySeconds)); // the day limit was not half-applied either

        await _host.CreateAccountAsync($"patient-{patientId}@test.fajma", Fajma.Server.Identity.Roles.Patient, FajmaHost.Password, patientId);
        using var asPatient = new HttpClient { BaseAddress = _host.Url };
        asPatient.DefaultRequestHeaders.Authorization = new("Bearer", await _host.TokenAsync($"patient-{patientId}@test.fajma", FajmaHost.Password));
        Assert.Equal(HttpStatusCode.OK, (await asPatient.GetAsync($"/api/v1/patients/{patientId}/alarm-profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asPatient.PutAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile", new AlarmProfileRequest(null, null, null, [], [], []))).StatusCode);
        var (other, _) = await _host.RegisterPatientWithDeviceAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await asPatient.GetAsync($"/api/v1/patients/{other}/alarm-profile")).StatusCode);
    }
}
