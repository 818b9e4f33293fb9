using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fajma.Core.Alerts;
using Fajma.Server.Administration;
using Fajma.Server.Identity;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// The administrator's hold on accounts (lock, sessions, reset links, care teams) and the system KPIs, through the real
/// host on a fake clock (access tokens made to outlive it), one host for the class, on each store.
/// </summary>
public abstract class AdministrationTests(Func<Task<TestDatabase>> database) : IAsyncLifetime
{
    private const string NewPassword = "a-brand-new-password";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private FajmaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await database(), b => b.Services.AddSingleton<TimeProvider>(_time), "--Auth:AccessTokenLifetime=1000.00:00:00");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = _host.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        return await anonymous.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, password));
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        return await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(refreshToken));
    }

    private async Task<HttpResponseMessage> RedeemAsync(string token, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        return await anonymous.PostAsJsonAsync("/api/v1/auth/password-reset", new PasswordResetRequest(token, password));
    }

    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        using var client = Bearer(accessToken);
        return (await client.GetAsync("/api/v1/auth/me")).StatusCode;
    }

    private async Task<string> IssueResetAsync(int userId)
    {
        var response = await _host.Admin.PostAsync($"/api/v1/users/{userId}/password-reset", null);
        response.EnsureSuccessStatusCode();
        var link = (await response.Content.ReadFromJsonAsync<PasswordResetLinkDto>())!;
        Assert.False(link.Mailed);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(24), link.ExpiresAt);
        Assert.Contains("/reset-password#", link.Link, StringComparison.Ordinal);
        return link.Link![(link.Link!.IndexOf('#', StringComparison.Ordinal) + 1)..];
    }

    private Task<List<string>> AuditedAsync(string target) =>
        _host.QueryAsync(db => db.AuditEntries.Where(e => e.Target == target).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task ALockEndsEverySessionAndItsLiveHubAtOnceAndRefusesSignInUntilUnlocked()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        var (doctorId, firstToken) = await _host.DoctorInCareTeamAsync("locked.doctor@test.fajma", patientId);
        var second = await _host.SignInAsync("locked.doctor@test.fajma", FajmaHost.Password);
        var (hub, _) = await _host.WatchAsync(patientId, firstToken);
        var closed = Wait.ClosingOf(hub);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.PostAsync($"/api/v1/users/{doctorId}/lock", null)).StatusCode);

        await Wait.ForAsync(closed, "the locked doctor's hub to close");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(firstToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(second.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(second.RefreshToken)).StatusCode);
        var refused = await LoginAsync("locked.doctor@test.fajma", FajmaHost.Password);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Account locked", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        var accounts = await _host.Admin.GetFromJsonAsync<AccountDto[]>("/api/v1/users?search=LOCKED.doctor");
        var account = Assert.Single(accounts!);
        Assert.True(account.Locked);
        Assert.Equal(_time.GetUtcNow(), account.LastSignInAt);
        var sessions = await _host.Admin.GetFromJsonAsync<SessionDto[]>($"/api/v1/users/{doctorId}/sessions");
        Assert.Equal(2, sessions!.Length);
        Assert.All(sessions, s => Assert.False(s.Active));

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.PostAsync($"/api/v1/users/{doctorId}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("locked.doctor@test.fajma", FajmaHost.Password)).StatusCode);
        var trail = await AuditedAsync(doctorId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(AuditActions.UserLocked, trail);
        Assert.Contains(AuditActions.UserUnlocked, trail);
        Assert.Contains(AuditActions.SessionsRead, trail);
    }

    [Fact]
    public async Task AnAdminEndsOneSessionAndTheOtherKeepsWorking()
    {
        var id = await _host.CreateAccountAsync("two.sessions@test.fajma", Roles.Doctor, FajmaHost.Password);
        var laptop = await _host.SignInAsync("two.sessions@test.fajma", FajmaHost.Password);
        var phone = await _host.SignInAsync("two.sessions@test.fajma", FajmaHost.Password);
        var sessions = (await _host.Admin.GetFromJsonAsync<SessionDto[]>($"/api/v1/users/{id}/sessions"))!;
        Assert.Equal(2, sessions.Count(s => s.Active));
        var laptopSession = await _host.QueryAsync(db => db.RefreshTokens.Where(t => t.TokenHash == TokenIssuer.Hash(laptop.RefreshToken)).Select(t => t.FamilyId).SingleAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.DeleteAsync($"/api/v1/users/{id}/sessions/{laptopSession}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(laptop.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(phone.AccessToken));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin.DeleteAsync($"/api/v1/users/{id}/sessions/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.DeleteAsync($"/api/v1/users/{id}/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(phone.AccessToken));
    }

    [Fact]
    public async Task AResetLinkSetsANewPasswordOnceEndsEverySessionAndExpires()
    {
        var created = await _host.Admin.PostAsJsonAsync("/api/v1/users",
            new CreateUserRequest("reset.patient@test.fajma", "Reset Patient", Roles.Patient, FajmaHost.Password, null, new DateOnly(1950, 2, 3)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = (await created.Content.ReadFromJsonAsync<UserDto>())!;
        Assert.NotNull(user.PatientId); // the patient record was made with the account
        var session = await _host.SignInAsync("reset.patient@test.fajma", FajmaHost.Password);
        var token = await IssueResetAsync(user.Id);

        var tooShort = await RedeemAsync(token, "short");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("newPassword", (await tooShort.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NoContent, (await RedeemAsync(token, NewPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(session.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("reset.patient@test.fajma", FajmaHost.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("reset.patient@test.fajma", NewPassword)).StatusCode);
        var again = await RedeemAsync(token, "yet-another-password");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("This reset link cannot be used", (await again.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);

        var late = await IssueResetAsync(user.Id);
        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await RedeemAsync(late, "yet-another-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("reset.patient@test.fajma", NewPassword)).StatusCode);

        var trail = await AuditedAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, trail.Count(a => a == AuditActions.PasswordResetIssued));
        Assert.Single(trail, AuditActions.PasswordResetUsed);
        Assert.Equal(2, await _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PasswordResetRefused)));
        // Only the hash is kept.
        Assert.False(await _host.QueryAsync(db => db.PasswordResetTokens.AnyAsync(t => t.TokenHash == token)));
    }

    [Fact]
    public async Task HostileInputIsRefusedNamingTheFieldAndNothingIsHalfApplied()
    {
        var users = await _host.QueryAsync(db => db.Users.CountAsync());
        var patients = await _host.QueryAsync(db => db.Patients.CountAsync());
        async Task<string[]> FieldsAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return [.. (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys];
        }

        Assert.Contains("dateOfBirth", await FieldsAsync(await _host.Admin.PostAsJsonAsync("/api/v1/users",
            new CreateUserRequest("future@test.fajma", "Not Born", Roles.Patient, FajmaHost.Password, null, new DateOnly(2999, 1, 1)))));
        Assert.Contains("patientId", await FieldsAsync(await _host.Admin.PostAsJsonAsync("/api/v1/users",
            new CreateUserRequest("nobody@test.fajma", "No Record", Roles.Patient, FajmaHost.Password, null))));
        Assert.Contains("patientId", await FieldsAsync(await _host.Admin.PostAsJsonAsync("/api/v1/users",
            new CreateUserRequest("doc.dob@test.fajma", "Doc", Roles.Doctor, FajmaHost.Password, null, new DateOnly(1980, 1, 1)))));
        Assert.Contains("email", await FieldsAsync(await _host.Admin.PostAsJsonAsync("/api/v1/users",
            new CreateUserRequest("<script>", "X", Roles.Admin, FajmaHost.Password, null))));
        Assert.Contains("search", await FieldsAsync(await _host.Admin.GetAsync("/api/v1/users?search=" + new string('x', 101))));
        var adminId = await _host.QueryAsync(db => db.UsersByEmail(FajmaHost.AdminEmail).Select(u => u.Id).SingleAsync());
        Assert.Contains("id", await FieldsAsync(await _host.Admin.PostAsync($"/api/v1/users/{adminId}/lock", null)));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin.PostAsync("/api/v1/users/999999/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin.PostAsync("/api/v1/users/999999/password-reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RedeemAsync(new string('A', 5000), NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RedeemAsync("", NewPassword)).StatusCode);

        Assert.Equal(users, await _host.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(patients, await _host.QueryAsync(db => db.Patients.CountAsync()));
    }

    [Fact]
    public async Task ADoctorLeavesACareTeamAndTheChangeIsAudited()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        var doctorId = await _host.CreateAccountAsync("team.doctor@test.fajma", Roles.Doctor, FajmaHost.Password);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.PostAsJsonAsync($"/api/v1/patients/{patientId}/care-team", new CareTeamRequest(doctorId))).StatusCode);
        var team = (await _host.Admin.GetFromJsonAsync<CareTeamDto[]>("/api/v1/care-teams"))!.Single(t => t.PatientId == patientId);
        Assert.Equal(new[] { _host.DoctorId, doctorId }, team.Doctors.Select(d => d.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.DeleteAsync($"/api/v1/patients/{patientId}/care-team/{doctorId}")).StatusCode);

        team = (await _host.Admin.GetFromJsonAsync<CareTeamDto[]>("/api/v1/care-teams"))!.Single(t => t.PatientId == patientId);
        Assert.Equal(new[] { _host.DoctorId }, team.Doctors.Select(d => d.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin.DeleteAsync($"/api/v1/patients/{patientId}/care-team/{doctorId}")).StatusCode);
        Assert.Contains(AuditActions.CareTeamRemoved, await _host.QueryAsync(db => db.AuditEntries.Where(e => e.PatientId == patientId).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task TheSystemKpisCountThisMinutesReadingsRefusalsAndRatedAlerts()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        for (var i = 0; i < 3; i++)
            (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), _time.GetUtcNow())))).EnsureSuccessStatusCode();
        var refused = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json("{\"not\":\"a reading\"}"));
        Assert.False(refused.IsSuccessStatusCode);
        await _host.QueryAsync(async db =>
        {
            foreach (var outcome in new[] { AlertOutcome.Actionable, AlertOutcome.Actionable, AlertOutcome.Actionable, AlertOutcome.NotActionable })
                db.Alerts.Add(new Alert
                {
                    Id = Guid.NewGuid(), PatientId = patientId, Rule = "spo2:low", Sealed = [], Status = AlertStatus.Resolved, RaisedAt = _time.GetUtcNow(),
                    LastSeenAt = _time.GetUtcNow(), ResolvedAt = _time.GetUtcNow(), Outcome = outcome,
                });
            return await db.SaveChangesAsync();
        });

        var kpis = (await _host.Admin.GetFromJsonAsync<SystemKpis>("/api/v1/system/kpis"))!;

        Assert.Equal(60, kpis.Minutes.Count);
        var now = kpis.Minutes[^1];
        Assert.Equal(4, now.Received);
        Assert.Equal(3, now.Acknowledged);
        Assert.Equal(1, now.DeadLettered);
        Assert.Equal(0.75, now.DeliveryRate);
        Assert.Equal(0.75, now.DataQuality);
        Assert.Equal(0.75, now.AlertPrecision);
        Assert.True(now.BytesIn > 0);
        Assert.NotNull(now.CommitLatencyP95Ms);
        Assert.True(now.ActiveDevices >= 1);
        Assert.Equal(now.Received, kpis.Hour.Received);
        Assert.Null(kpis.Minutes[0].DeliveryRate); // a quiet minute has no rate, not a false 0 or 1
    }
}

public sealed class SqliteAdministrationTests() : AdministrationTests(TestDatabase.SqliteAsync);

/// <summary>The same on PostgreSQL: the conditional update that spends a token, the last sign-in's grouping over converted instants.</summary>
public sealed class PostgresAdministrationTests() : AdministrationTests(TestDatabase.PostgresAsync);
