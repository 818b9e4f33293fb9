using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Followers;
using Fajma.Server.Identity;
using Fajma.Server.Live;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>Followers: invited by the patient with a single-use link, shown only what the patient shares, cut off at once, paged after their delay.</summary>
public sealed class FollowerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FakePushService _push = null!;
    private FajmaHost _host = null!;
    private int _accounts;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(_time), "--Paging:Push:AllowLoopback=true");
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        _push.ExpectedVapidKey = (await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/push/vapid-public-key")).GetProperty("publicKey").GetString();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _push.DisposeAsync();
    }

    [Fact]
    public async Task TheLinkWorksOnceMakesAFollowerAccountThatSignsInNormallyAndSeesTheSharedVitals()
    {
        var (patientId, deviceId, patient) = await PatientAsync();
        await SendAsync(deviceId, 1, heartRate: 77);
        var invite = await InviteAsync(patient, vitals: true, alerts: false);

        var redeemed = await RedeemAsync(invite.Token, "awa@family.test");
        var again = await RedeemAsync(invite.Token, "someone@family.test");
        var signedIn = await _host.SignInAsync("awa@family.test", FajmaHost.Password);
        using var follower = Client(signedIn.AccessToken);
        var followed = (await follower.GetFromJsonAsync<List<FollowedPatientDto>>("/api/v1/following"))!;
        var vitals = await follower.GetFromJsonAsync<List<ObservationDto>>($"/api/v1/following/{patientId}/vitals");
        var list = (await patient.GetFromJsonAsync<List<FollowerDto>>("/api/v1/followers"))!;

        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(Roles.Follower, signedIn.User.Role);
        Assert.Equal((patientId, true, false, 24), (followed.Single().PatientId, followed[0].ShareVitals, followed[0].ShareAlerts, followed[0].HistoryHours));
        Assert.Contains(vitals!, o => o.Type == "heart_rate" && o.Value == 77);
        Assert.Equal(("active", "awa@family.test"), (list.Single().Status, list[0].AccountEmail));
        var audited = await _host.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.PatientId == patientId).Select(e => e.Action).ToListAsync());
        Assert.Contains(Privacy.AuditActions.FollowerJoined, audited);
        Assert.Contains(Privacy.AuditActions.FollowerVitalsRead, audited);
    }

    [Fact]
    public async Task AnExpiredLinkOpensNothingAndBadInputIsNamedByFieldWithoutSpendingTheLink()
    {
        var (_, _, patient) = await PatientAsync();
        var invalid = await patient.PostAsJsonAsync("/api/v1/followers", new FollowerInviteRequest(" ", "", true, true, 0, 500));
        var invite = await InviteAsync(patient, vitals: true, alerts: true);
        var badAccount = await RedeemAsync(invite.Token, "not-an-email", password: "short");
        var later = await InviteAsync(patient, vitals: true, alerts: true, validForHours: 1);

        _time.Advance(TimeSpan.FromMinutes(61));
        var expired = await RedeemAsync(later.Token, "late@family.test");
        var stillGood = await RedeemAsync(invite.Token, "fine@family.test");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["historyHours", "name", "relationship", "validForHours"], problem!.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, badAccount.StatusCode);
        Assert.Equal(["email", "password"], (await badAccount.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillGood.StatusCode);
    }

    [Fact]
    public async Task AFollowerSeesOnlyTheFollowedPatientWithinTheSharedScopeAndWindow()
    {
        var (patientId, deviceId, patient) = await PatientAsync();
        var (otherId, _, _) = await PatientAsync();
        var invite = await InviteAsync(patient, vitals: true, alerts: false, hours: 2);
        using var follower = Client(await TokenOfAsync(await RedeemAsync(invite.Token, "kin@family.test")));
        await SendAsync(deviceId, 1, heartRate: 61);
        _time.Advance(TimeSpan.FromHours(3)); // the store's clock: tokens are checked against the real one
        await SendAsync(deviceId, 2, heartRate: 62);

        var vitals = await follower.GetFromJsonAsync<List<ObservationDto>>($"/api/v1/following/{patientId}/vitals");
        var alerts = await follower.GetAsync($"/api/v1/following/{patientId}/alerts");
        var other = await follower.GetAsync($"/api/v1/following/{otherId}/vitals");
        var record = await follower.GetAsync($"/api/v1/patients/{patientId}/observations");
        var consultations = await follower.GetFromJsonAsync<List<Consultations.ConsultationDto>>("/api/v1/consultations");
        var patients = await follower.GetFromJsonAsync<List<Monitoring.PatientDto>>("/api/v1/patients");

        Assert.Equal([62.0], vitals!.Where(o => o.Type == "heart_rate").Select(o => o.Value)); // the 3-hour-old reading is outside the 2-hour window
        Assert.Equal(HttpStatusCode.NotFound, alerts.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode); // the clinical record's routes stay closed to followers
        Assert.Empty(consultations!);
        Assert.Empty(patients!);
    }

    [Fact]
    public async Task RevokingCutsTheFollowersLiveConnectionAndEveryReadAtOnce()
    {
        var (patientId, _, patient) = await PatientAsync();
        var invite = await InviteAsync(patient, vitals: true, alerts: true);
        var token = await TokenOfAsync(await RedeemAsync(invite.Token, "carer@family.test"));
        using var follower = Client(token);
        await using var live = await HubAsync(token);
        await live.InvokeAsync("SubscribePatient", patientId);
        var closing = Wait.ClosingOf(live);

        var narrowed = await patient.PutAsJsonAsync($"/api/v1/followers/{invite.Id}/scope", new FollowerScopeRequest(true, false, 24));
        await Wait.ForAsync(closing, "the follower's live connection closing when alerts stop being shared");
        await using var again = await HubAsync(token);
        var refused = await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync("SubscribePatient", patientId));
        var vitalsWhileNarrowed = await follower.GetAsync($"/api/v1/following/{patientId}/vitals");
        var closingAgain = Wait.ClosingOf(again);
        var revoked = await patient.DeleteAsync($"/api/v1/followers/{invite.Id}");
        await Wait.ForAsync(closingAgain, "the follower's connection closing on revocation");
        var vitalsAfter = await follower.GetAsync($"/api/v1/following/{patientId}/vitals");
        var followed = await follower.GetFromJsonAsync<List<FollowedPatientDto>>("/api/v1/following");

        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        Assert.Contains("not yours to see", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, vitalsWhileNarrowed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, vitalsAfter.StatusCode);
        Assert.Empty(followed!);
    }

    [Fact]
    public async Task AFollowerIsPagedAfterTheirDelayOnlyIfTheAlertIsStillUnacknowledged()
    {
        // One follower of two patients (one account follows several): each raises a critical alert, the doctor acknowledges the second.
        var (patientId, deviceId, patient) = await PatientAsync();
        var (secondId, secondDevice, secondPatient) = await PatientAsync();
        var token = await TokenOfAsync(await RedeemAsync((await InviteAsync(patient, vitals: true, alerts: true)).Token, "night@family.test"));
        using var follower = Client(token);
        var joined = await follower.PostAsJsonAsync("/api/v1/followers/redeem", new RedeemFollowRequest((await InviteAsync(secondPatient, vitals: false, alerts: true)).Token, null, null, null));
        var followerId = (await follower.GetFromJsonAsync<UserDto>("/api/v1/auth/me"))!.Id;
        Assert.Equal(HttpStatusCode.Created, (await follower.PostAsJsonAsync("/api/v1/push/subscriptions", _push.Subscribe("phone"))).StatusCode);
        var settings = await follower.PutAsJsonAsync($"/api/v1/following/{patientId}/alert-settings", new FollowerAlertSettingsDto(true, false, false, 10));
        var badSettings = await follower.PutAsJsonAsync($"/api/v1/following/{patientId}/alert-settings", new FollowerAlertSettingsDto(true, false, false, 999));
        Assert.Equal(HttpStatusCode.OK, (await follower.PutAsJsonAsync($"/api/v1/following/{secondId}/alert-settings", new FollowerAlertSettingsDto(true, false, false, 10))).StatusCode);
        var paging = _host.App.Services.GetRequiredService<FollowerPaging>();

        var alertId = await RaiseCriticalAsync(deviceId);
        var acknowledged = await RaiseCriticalAsync(secondDevice);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.PostAsync($"/api/v1/alerts/{acknowledged}/acknowledge", null)).StatusCode);
        var open = (await follower.GetFromJsonAsync<List<FollowerAlertDto>>($"/api/v1/following/{secondId}/alerts"))!;
        _time.Advance(TimeSpan.FromMinutes(9));
        await paging.SweepAsync(CancellationToken.None);
        var pagedEarly = await PagedAsync(alertId);
        _time.Advance(TimeSpan.FromMinutes(1));
        await paging.SweepAsync(CancellationToken.None);
        await paging.SweepAsync(CancellationToken.None); // once only
        await Wait.UntilAsync(async () => await _host.QueryAsync(db => db.PageDeliveries.AnyAsync(d => d.AlertId == alertId && d.UserId == followerId
            && d.Level == FollowerPaging.Level && d.Status != "queued")), "the follower's page attempted");
        var delivery = await _host.QueryAsync(db => db.PageDeliveries.SingleAsync(d => d.AlertId == alertId && d.UserId == followerId));
        Assert.True(delivery.Status == "sent", $"{delivery.Status}: {delivery.Detail}; {string.Join("; ", _push.Refusals)}");
        var page = await _push.NextAsync(r => r.Browser == "phone", "the push on the follower's phone");
        // The timer's own sweep may be the one that paged (the test's then found it done): it audits just after it enqueues.
        await Wait.UntilAsync(async () => await PagedAsync(alertId) > 0, "the follower's page audited");

        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSettings.StatusCode);
        Assert.Contains("delayMinutes", (await badSettings.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal((acknowledged, true), (open.Single().Id, open.Single().Acknowledged)); // in hand, and the follower sees that
        Assert.Equal(0, pagedEarly);
        Assert.Equal(1, await PagedAsync(alertId));
        Assert.Equal(0, await PagedAsync(acknowledged)); // the care team had it: the family is not woken
        Assert.Equal((alertId, false), (page.Payload.GetProperty("alertId").GetGuid(), page.Payload.GetProperty("canAcknowledge").GetBoolean()));
    }

    private Task<int> PagedAsync(Guid alertId) => _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == Privacy.AuditActions.FollowerPaged && e.Target == $"alert:{alertId}"));

    private async Task<Guid> RaiseCriticalAsync(string deviceId)
    {
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(160);
        await device.SendAsync(165);
        Guid? id = null;
        await Wait.UntilAsync(async () =>
        {
            id = (await _host.Http.GetFromJsonAsync<List<AlertDto>>("/api/v1/alerts?status=raised"))!.FirstOrDefault(a => a.DeviceId == deviceId && a.Severity == "critical")?.Id;
            return id is not null;
        }, "the critical alert");
        return id!.Value;
    }

    private async Task<(int PatientId, string DeviceId, HttpClient Patient)> PatientAsync()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var email = $"patient{Interlocked.Increment(ref _accounts)}@test.fajma";
        await _host.CreateAccountAsync(email, Roles.Patient, FajmaHost.Password, patientId);
        return (patientId, deviceId, Client(await _host.TokenAsync(email, FajmaHost.Password)));
    }

    /// <summary>A reading measured now on the test's clock (the standard message carries its own time).</summary>
    private async Task SendAsync(string deviceId, int sequence, double heartRate)
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        var message = Messages.Standard(deviceId, Guid.NewGuid(), _time.GetUtcNow(), heartRate: heartRate);
        var response = await anonymous.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(message));
        Assert.True(response.IsSuccessStatusCode, $"reading {sequence}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<FollowerInviteDto> InviteAsync(HttpClient patient, bool vitals, bool alerts, int hours = 24, int? validForHours = null)
    {
        var response = await patient.PostAsJsonAsync("/api/v1/followers", new FollowerInviteRequest("Awa", "daughter", vitals, alerts, hours, validForHours));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FollowerInviteDto>())!;
    }

    private async Task<HttpResponseMessage> RedeemAsync(string token, string email, string password = FajmaHost.Password)
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        return await anonymous.PostAsJsonAsync("/api/v1/followers/redeem", new RedeemFollowRequest(token, email, "Awa Diop", password));
    }

    private static async Task<string> TokenOfAsync(HttpResponseMessage redeemed)
    {
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        return (await redeemed.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = _host.Url };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task<HubConnection> HubAsync(string token)
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(_host.Url, LiveExtensions.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        await hub.StartAsync();
        return hub;
    }
}
