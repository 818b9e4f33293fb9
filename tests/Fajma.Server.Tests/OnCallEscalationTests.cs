using System.Net.Http.Json;
using Fajma.Server.Alerts;
using Fajma.Server.OnCall;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// The alert ladder pages whoever is on call when the alert is raised and at each step, not the first doctor who joined
/// the care team. The fake clock starts on the morning Paris has moved to summer time (Sunday 28 March 2027, 02:00 → 03:00),
/// at 07:30 local (05:30 UTC), half an hour before the day's 08:00 handover.
/// </summary>
public sealed class OnCallEscalationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2027-03-28T05:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private FajmaHost _host = null!;

    // The whole host runs on the fake clock, tokens included: IdentityModel reads the machine's clock for their lifetime.
    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b =>
        {
            b.Services.AddSingleton<TimeProvider>(_time);
            b.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TokenValidationParameters.LifetimeValidator =
                (notBefore, expires, _, p) => notBefore - p.ClockSkew <= _time.GetUtcNow().UtcDateTime && _time.GetUtcNow().UtcDateTime < expires + p.ClockSkew);
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnAlertPagesTheDoctorOnCallNowNotTheFirstWhoJoinedTheCareTeam()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (secondId, secondToken) = await _host.DoctorInCareTeamAsync("second@test.fajma", patientId);
        // Daily at 08:00 Paris from Friday 26 March: the host's doctor on Friday, the second doctor on Saturday until 08:00 today.
        await CreateRotaAsync("Cardiology nights", "2027-03-26T08:00", [_host.DoctorId, secondId]);
        await using var second = await AlertListener.ConnectAsync(_host.Url, secondToken);

        var raised = await RaiseAsync(deviceId, second);

        Assert.Equal([secondId], raised.Paged);
    }

    [Fact]
    public async Task AfterTheHandoverANewAlertPagesTheNewDoctorOnCall()
    {
        var (firstPatient, firstDevice) = await _host.RegisterPatientWithDeviceAsync();
        var (secondPatient, secondDevice) = await _host.RegisterPatientWithDeviceAsync();
        var (secondId, secondToken) = await _host.DoctorInCareTeamAsync("second@test.fajma", firstPatient, secondPatient);
        await CreateRotaAsync("Cardiology days", "2027-03-27T08:00", [secondId, _host.DoctorId]);
        await using var second = await AlertListener.ConnectAsync(_host.Url, secondToken);
        await using var first = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken);
        Assert.Equal([secondId], (await RaiseAsync(firstDevice, second)).Paged);

        // Sunday 28 March, 08:00 in Paris is 06:00 UTC (summer time since 02:00): 23 hours after Saturday's handover.
        MoveTo("2027-03-28T06:00:00Z");
        var after = await RaiseAsync(secondDevice, first);

        Assert.Equal([_host.DoctorId], after.Paged);
    }

    [Fact]
    public async Task OnTheDaylightSavingChangeADoctorTakesOverAtEightLocalTime()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        var (secondId, _) = await _host.DoctorInCareTeamAsync("second@test.fajma", patientId);
        await CreateRotaAsync("Cardiology days", "2027-03-27T08:00", [secondId, _host.DoctorId]);
        var before = await _host.Http.GetFromJsonAsync<MyOnCallDto>("/api/v1/oncall/me");
        Assert.False(before!.OnCallNow);
        Assert.Equal(At("2027-03-28T06:00:00Z"), before.NextShifts[0].Start); // 08:00 summer time; 24 h after Saturday's would be 07:00 UTC

        MoveTo("2027-03-28T06:00:00Z");
        using var doctor = new HttpClient { BaseAddress = _host.Url };
        doctor.DefaultRequestHeaders.Authorization = new("Bearer", await _host.TokenAsync(FajmaHost.DoctorEmail, FajmaHost.Password));
        var after = await doctor.GetFromJsonAsync<MyOnCallDto>("/api/v1/oncall/me");

        Assert.Equal((true, At("2027-03-29T06:00:00Z"), "Cardiology days"), (after!.OnCallNow, after.Until, after.RotaName));
    }

    [Fact]
    public async Task AnUnacknowledgedAlertEscalatesToTheNextOnCallThenTheRestOfTheCareTeam()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (secondId, secondToken) = await _host.DoctorInCareTeamAsync("second@test.fajma", patientId);
        var (thirdId, thirdToken) = await _host.DoctorInCareTeamAsync("third@test.fajma", patientId);
        await CreateRotaAsync("Cardiology days", "2027-03-27T08:00", [thirdId, secondId]);
        await using var second = await AlertListener.ConnectAsync(_host.Url, secondToken);
        await using var third = await AlertListener.ConnectAsync(_host.Url, thirdToken);
        await using var first = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken);
        var raised = await RaiseAsync(deviceId, third);
        Assert.Equal([thirdId], raised.Paged);

        _time.Advance(TimeSpan.FromMinutes(5));
        var toNext = await second.NextAsync(a => a.Id == raised.Id && a.Event == "escalated", "the page to the next on call at five minutes");
        Assert.Equal([thirdId, secondId], toNext.Paged);

        _time.Advance(TimeSpan.FromMinutes(5));
        var toTeam = await first.NextAsync(a => a.Id == raised.Id && a.Event == "escalated", "the page to the rest of the care team");
        Assert.Equal([thirdId, secondId, _host.DoctorId], toTeam.Paged);
    }

    [Fact]
    public async Task AnOnCallDoctorOutsideTheCareTeamTakesTheAlertTheyArePagedForButDoesNotOpenTheRecord()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (outsiderId, outsiderToken) = await _host.DoctorInCareTeamAsync("locum@test.fajma");
        await CreateRotaAsync("Cardiology nights", "2027-03-26T08:00", [_host.DoctorId, outsiderId]); // the locum until 08:00 today
        await using var first = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        var raised = await RaiseAsync(deviceId, first);
        Assert.Equal([outsiderId], raised.Paged);
        using var locum = new HttpClient { BaseAddress = _host.Url };
        locum.DefaultRequestHeaders.Authorization = new("Bearer", outsiderToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await locum.PostAsJsonAsync($"/api/v1/alerts/{raised.Id}/resolve", new ResolveAlertRequest("not mine to close"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await locum.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null)).StatusCode);
        var taken = await first.NextAsync(a => a.Id == raised.Id && a.Event == "acknowledged", "the locum's acknowledgement on the care team's screens");
        Assert.Equal(outsiderId, taken.AcknowledgedBy);
        Assert.False((await locum.GetAsync($"/api/v1/patients/{patientId}/observations")).IsSuccessStatusCode); // paging grants the alert, not the record
    }

    private async Task CreateRotaAsync(string name, string firstHandover, int[] members)
    {
        var response = await _host.Admin.PostAsJsonAsync("/api/v1/rotas", new RotaRequest(name, "Europe/Paris", firstHandover, ["08:00"], 1, members));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Two readings above the heart-rate limit from the patient's monitor: the alert as <paramref name="listener"/> hears it raised.</summary>
    private async Task<AlertDto> RaiseAsync(string deviceId, AlertListener listener)
    {
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(160);
        await device.SendAsync(165);
        return await listener.NextAsync(a => a.Event == "raised" && a.Kind == "threshold" && a.DeviceId == deviceId, "the alert raised");
    }

    private void MoveTo(string utc) => _time.Advance(At(utc) - _time.GetUtcNow());

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
}
