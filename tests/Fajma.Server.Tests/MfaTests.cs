using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Fajma.Server.Tests;

/// <summary>
/// A clinician's second factor through the real endpoints, on a fake clock: enrolment confirmed by a first code, sign-in in two
/// steps, a code never accepted twice, recovery codes single use, wrong codes toward lock-out, an admin's reset.
/// </summary>
public sealed class MfaTests(MfaTests.Clinic clinic) : IClassFixture<MfaTests.Clinic>
{
    /// <summary>One host for the class on a fake clock that only moves forward: each test has its own accounts.</summary>
    public sealed class Clinic : IAsyncLifetime
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        public FajmaHost Host { get; private set; } = null!;

        private int _accounts;

        public int NextAccount() => Interlocked.Increment(ref _accounts);

        public async Task InitializeAsync() => Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(Time));

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private FakeTimeProvider Time => clinic.Time;

    private FajmaHost Host => clinic.Host;

    private HttpClient Anonymous() => new() { BaseAddress = Host.Url };

    private string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Time.GetUtcNow().UtcDateTime);

    /// <summary>A new doctor with the second factor on: their email, secret and recovery codes (the first code is spent by the confirmation).</summary>
    private async Task<(string Email, int Id, string Secret, IReadOnlyList<string> RecoveryCodes)> EnrolledDoctorAsync()
    {
        var email = $"mfa{clinic.NextAccount()}@test.fajma";
        var id = await Host.CreateAccountAsync(email, Roles.Doctor, FajmaHost.Password);
        using var doctor = new HttpClient { BaseAddress = Host.Url };
        doctor.DefaultRequestHeaders.Authorization = new("Bearer", await Host.TokenAsync(email, FajmaHost.Password));
        var enrolment = (await (await doctor.PostAsync("/api/v1/auth/mfa/enrolment", null)).Content.ReadFromJsonAsync<MfaEnrolmentDto>())!;
        var confirmed = await doctor.PostAsJsonAsync("/api/v1/auth/mfa/enrolment/confirm", new MfaCodeRequest(Code(enrolment.Secret)));
        confirmed.EnsureSuccessStatusCode();
        return (email, id, enrolment.Secret, (await confirmed.Content.ReadFromJsonAsync<MfaRecoveryCodesDto>())!.RecoveryCodes);
    }

    private async Task<MfaChallengeDto> PasswordAsync(string email)
    {
        using var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, FajmaHost.Password));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MfaChallengeDto>())!;
    }

    private async Task<HttpResponseMessage> SecondStepAsync(string challenge, string? code, string? recoveryCode = null)
    {
        using var client = Anonymous();
        return await client.PostAsJsonAsync("/api/v1/auth/mfa", new MfaSignInRequest(challenge, code, recoveryCode));
    }

    [Fact]
    public async Task EnrolmentShowsTheSecretOnceAndIsOnOnlyAfterAFirstRightCode()
    {
        var email = "enrol@test.fajma";
        await Host.CreateAccountAsync(email, Roles.Doctor, FajmaHost.Password);
        using var doctor = new HttpClient { BaseAddress = Host.Url };
        doctor.DefaultRequestHeaders.Authorization = new("Bearer", await Host.TokenAsync(email, FajmaHost.Password));

        var enrolment = (await (await doctor.PostAsync("/api/v1/auth/mfa/enrolment", null)).Content.ReadFromJsonAsync<MfaEnrolmentDto>())!;
        Assert.StartsWith("otpauth://totp/", enrolment.OtpauthUri, StringComparison.Ordinal);
        Assert.Contains($"secret={enrolment.Secret}", enrolment.OtpauthUri, StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", enrolment.QrCodeDataUri, StringComparison.Ordinal);
        await Host.TokenAsync(email, FajmaHost.Password); // not confirmed: the password alone still signs in

        var wrong = await doctor.PostAsJsonAsync("/api/v1/auth/mfa/enrolment/confirm", new MfaCodeRequest("000000"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("code", (await wrong.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        var right = await doctor.PostAsJsonAsync("/api/v1/auth/mfa/enrolment/confirm", new MfaCodeRequest(Code(enrolment.Secret)));
        var codes = (await right.Content.ReadFromJsonAsync<MfaRecoveryCodesDto>())!.RecoveryCodes;

        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.Conflict, (await doctor.PostAsync("/api/v1/auth/mfa/enrolment", null)).StatusCode);
        await PasswordAsync(email); // now the password alone asks for a code
        using var patient = new HttpClient { BaseAddress = Host.Url };
        var patientId = (await Host.RegisterPatientWithDeviceAsync()).PatientId;
        await Host.CreateAccountAsync("patient-mfa@test.fajma", Roles.Patient, FajmaHost.Password, patientId);
        patient.DefaultRequestHeaders.Authorization = new("Bearer", await Host.TokenAsync("patient-mfa@test.fajma", FajmaHost.Password));
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.PostAsync("/api/v1/auth/mfa/enrolment", null)).StatusCode);
    }

    [Fact]
    public async Task SignInTakesTheCodeOfTheTimeAndNeverTheSameCodeTwice()
    {
        var (email, _, secret, _) = await EnrolledDoctorAsync();

        // The confirmation spent this 30-second step's code: the same code is refused, even with the right password.
        var replayed = await SecondStepAsync((await PasswordAsync(email)).Challenge, Code(secret));
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);

        Time.Advance(TimeSpan.FromSeconds(30));
        var code = Code(secret);
        var signedIn = await SecondStepAsync((await PasswordAsync(email)).Challenge, code);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var tokens = (await signedIn.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.Equal(email, tokens.User.Email);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SecondStepAsync((await PasswordAsync(email)).Challenge, code)).StatusCode);
        var challenge = await PasswordAsync(email);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecondStepAsync(challenge.Challenge, "123456")).StatusCode);
        Time.Advance(TimeSpan.FromMinutes(6)); // past the challenge's five minutes
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecondStepAsync(challenge.Challenge, Code(secret))).StatusCode);
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnceOnly()
    {
        var (email, _, _, codes) = await EnrolledDoctorAsync();

        var first = await SecondStepAsync((await PasswordAsync(email)).Challenge, null, codes[3].ToUpperInvariant());
        var again = await SecondStepAsync((await PasswordAsync(email)).Challenge, null, codes[3]);
        var neither = await SecondStepAsync((await PasswordAsync(email)).Challenge, null, null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
    }

    [Fact]
    public async Task WrongCodesCountTowardTheAccountsLockOut()
    {
        var (email, _, secret, _) = await EnrolledDoctorAsync();
        var challenge = (await PasswordAsync(email)).Challenge;

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) answers.Add((await SecondStepAsync(challenge, "000000")).StatusCode);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], answers);
        Time.Advance(TimeSpan.FromSeconds(30));
        using var client = Anonymous();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, FajmaHost.Password))).StatusCode);
    }

    [Fact]
    public async Task AnAdminResetsASecondFactorAndTheUserSignsInWithThePasswordAgain()
    {
        var (email, id, _, _) = await EnrolledDoctorAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await Host.Http.DeleteAsync($"/api/v1/users/{id}/mfa")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync($"/api/v1/users/{id}/mfa")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.DeleteAsync("/api/v1/users/99999/mfa")).StatusCode);

        await Host.TokenAsync(email, FajmaHost.Password);
    }
}
