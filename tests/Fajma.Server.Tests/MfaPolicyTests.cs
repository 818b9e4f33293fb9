using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Live;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Fajma.Server.Tests;

/// <summary>
/// Auth:RequireMfaFor=doctor through the real endpoints and tokens, on a fake clock: a doctor without the factor reaches only
/// sign-in and enrolment (HTTP and hubs), enrolment's confirmation lets them through, refresh keeps it, a patient and an admin
/// are never asked, an admin's reset sends the doctor back to enrolment.
/// </summary>
public sealed class MfaPolicyTests(MfaPolicyTests.Clinic clinic) : IClassFixture<MfaPolicyTests.Clinic>
{
    /// <summary>One host for the class, doctors required; each test has its own accounts.</summary>
    public sealed class Clinic : IAsyncLifetime
    {
        /// <summary>
        /// Starts five minutes back: each code moves it a step (30 s) forward, and the tokens it stamps must not be "not yet valid"
        /// to the bearer check, which reads the real clock.
        /// </summary>
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow.AddMinutes(-5));

        public FajmaHost Host { get; private set; } = null!;

        public int PatientId { get; private set; }

        private int _accounts;

        public int NextAccount() => Interlocked.Increment(ref _accounts);

        public async Task InitializeAsync()
        {
            Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(Time), "--Auth:RequireMfaFor:0=Doctor");
            PatientId = (await Host.RegisterPatientWithDeviceAsync()).PatientId;
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private FajmaHost Host => clinic.Host;

    private string Observations => $"/api/v1/patients/{clinic.PatientId}/observations";

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Host.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A code of a step no earlier code of this secret used: the fake clock moves a step first.</summary>
    private string NextCode(string secret)
    {
        clinic.Time.Advance(TimeSpan.FromSeconds(30));
        return new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clinic.Time.GetUtcNow().UtcDateTime);
    }

    private static async Task AssertEnrolmentRequiredAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(SecondFactorRefusal.Type, problem.Type);
        Assert.Equal(SecondFactorRefusal.Code, problem.Extensions["code"]?.ToString());
    }

    /// <summary>A new doctor in the care team of the class's patient, signed in with the password alone.</summary>
    private async Task<(string Email, TokenResponse Tokens)> DoctorAsync()
    {
        var email = $"policy{clinic.NextAccount()}@test.fajma";
        await Host.DoctorInCareTeamAsync(email, clinic.PatientId);
        return (email, await Host.SignInAsync(email, FajmaHost.Password));
    }

    /// <summary>Enrols the signed-in doctor: the secret, and the tokens the confirmation answers.</summary>
    private async Task<(string Secret, TokenResponse Tokens)> EnrolAsync(string accessToken)
    {
        using var doctor = Client(accessToken);
        var enrolment = (await (await doctor.PostAsync("/api/v1/auth/mfa/enrolment", null)).Content.ReadFromJsonAsync<MfaEnrolmentDto>())!;
        var confirmed = await doctor.PostAsJsonAsync("/api/v1/auth/mfa/enrolment/confirm", new MfaCodeRequest(NextCode(enrolment.Secret)));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (enrolment.Secret, (await confirmed.Content.ReadFromJsonAsync<MfaRecoveryCodesDto>())!.Tokens);
    }

    private async Task<TokenResponse> RefreshAsync(string refreshToken)
    {
        using var anonymous = new HttpClient { BaseAddress = Host.Url };
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(refreshToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    [Fact]
    public async Task ARequiredDoctorWithoutTheFactorIsRefusedOnClinicalRoutesAndHubsUntilTheyEnrol()
    {
        var (_, signedIn) = await DoctorAsync();
        Assert.True(signedIn.MfaEnrolmentRequired);
        using (var doctor = Client(signedIn.AccessToken))
        {
            await AssertEnrolmentRequiredAsync(await doctor.GetAsync(Observations));
            await AssertEnrolmentRequiredAsync(await doctor.PostAsync($"{LiveExtensions.HubPath}/negotiate?negotiateVersion=1", null));
            Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync("/api/v1/auth/me")).StatusCode); // what enrolment needs stays open
            // A FHIR client gets the same refusal as FHIR reads errors: an OperationOutcome that names the second factor.
            var fhir = await doctor.GetAsync($"/fhir/R4/Patient/{clinic.PatientId}");
            Assert.Equal(HttpStatusCode.Forbidden, fhir.StatusCode);
            var outcome = await fhir.Content.ReadAsStringAsync();
            Assert.Contains("\"resourceType\":\"OperationOutcome\"", outcome, StringComparison.Ordinal);
            Assert.Contains("two-step sign-in required", outcome, StringComparison.Ordinal);
        }
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => Host.WatchAsync(clinic.PatientId, signedIn.AccessToken));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var (_, enrolled) = await EnrolAsync(signedIn.AccessToken);
        Assert.False(enrolled.MfaEnrolmentRequired);
        using (var doctor = Client(enrolled.AccessToken))
            Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync(Observations)).StatusCode);
        var (hub, _) = await Host.WatchAsync(clinic.PatientId, enrolled.AccessToken);
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task RefreshKeepsThePassedSecondFactorAndAForgedMarkFindsNoSession()
    {
        var (email, signedIn) = await DoctorAsync();
        var (secret, enrolled) = await EnrolAsync(signedIn.AccessToken);
        var refreshed = await RefreshAsync(enrolled.RefreshToken);
        Assert.False(refreshed.MfaEnrolmentRequired);
        using (var doctor = Client(refreshed.AccessToken))
            Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync(Observations)).StatusCode);

        // A later sign-in in two steps, refreshed: still through.
        using var anonymous = new HttpClient { BaseAddress = Host.Url };
        var challenge = (await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, FajmaHost.Password))).Content.ReadFromJsonAsync<MfaChallengeDto>())!;
        var second = await anonymous.PostAsJsonAsync("/api/v1/auth/mfa", new MfaSignInRequest(challenge.Challenge, NextCode(secret), null));
        var twoStep = await RefreshAsync((await second.Content.ReadFromJsonAsync<TokenResponse>())!.RefreshToken);
        using (var doctor = Client(twoStep.AccessToken))
            Assert.Equal(HttpStatusCode.OK, (await doctor.GetAsync(Observations)).StatusCode);

        // The mark is covered by the stored hash: added to a password-only session's token, it names no token at all.
        var (_, passwordOnly) = await DoctorAsync();
        var forged = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest("mfa." + passwordOnly.RefreshToken));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.True((await RefreshAsync(passwordOnly.RefreshToken)).MfaEnrolmentRequired);
    }

    [Fact]
    public async Task APatientAndAnUnlistedAdminAreNeverAsked()
    {
        var email = $"patient{clinic.NextAccount()}@test.fajma";
        await Host.CreateAccountAsync(email, Roles.Patient, FajmaHost.Password, clinic.PatientId);
        var patient = await Host.SignInAsync(email, FajmaHost.Password);
        Assert.False(patient.MfaEnrolmentRequired);
        using (var client = Client(patient.AccessToken))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Observations)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task AnAdminsResetEndsTheDoctorsSessionsAndSendsThemBackToEnrolment()
    {
        var (email, signedIn) = await DoctorAsync();
        var (_, enrolled) = await EnrolAsync(signedIn.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync($"/api/v1/users/{enrolled.User.Id}/mfa")).StatusCode);

        using (var stale = Client(enrolled.AccessToken))
            Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync(Observations)).StatusCode);
        var again = await Host.SignInAsync(email, FajmaHost.Password); // the password alone: no second step left
        Assert.True(again.MfaEnrolmentRequired);
        using var doctor = Client(again.AccessToken);
        await AssertEnrolmentRequiredAsync(await doctor.GetAsync(Observations));
    }

    [Fact]
    public void AnUnknownRoleInTheSettingStopsTheStartWithAClearError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FajmaServer.Build(["--Auth:RequireMfaFor:0=doctor", "--Auth:RequireMfaFor:1=nurse",
            $"--Storage:DataDirectory={Path.Combine(Path.GetTempPath(), "fajma-mfa-" + Guid.NewGuid().ToString("N"))}"]));
        Assert.Contains("'nurse'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:RequireMfaFor", error.Message, StringComparison.Ordinal);
    }
}
