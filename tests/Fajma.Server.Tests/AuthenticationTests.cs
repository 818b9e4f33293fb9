using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Fajma.Server.Tests;

public sealed class AuthenticationTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private async Task<(string Email, string Password)> NewDoctorAsync()
    {
        var email = $"dr-{Guid.NewGuid():N}@test.fajma";
        await _host.CreateAccountAsync(email, Roles.Doctor, "correct horse battery");
        return (email, "correct horse battery");
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        _host.Http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, password));

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _host.Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task RightPasswordGivesTokensThatWork()
    {
        var (email, password) = await NewDoctorAsync();

        var response = await LoginAsync(email.ToUpperInvariant(), password);
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((email, Roles.Doctor), (tokens!.User.Email, tokens.User.Role));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(tokens.AccessToken));
    }

    [Fact]
    public async Task WrongPasswordAndUnknownEmailGetTheSameAnswer()
    {
        var (email, _) = await NewDoctorAsync();

        var wrong = await LoginAsync(email, "wrong");
        var unknown = await LoginAsync("nobody@test.fajma", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.Content.ReadFromJsonAsync<ProblemBody>())!.Detail, (await unknown.Content.ReadFromJsonAsync<ProblemBody>())!.Detail);
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountEvenForTheRightPassword()
    {
        var (email, password) = await NewDoctorAsync();
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "wrong")).StatusCode);

        var fifth = await LoginAsync(email, "wrong");
        var right = await LoginAsync(email, password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
    }

    [Fact]
    public async Task RefreshRotatesAndReusingASpentTokenEndsTheWholeSession()
    {
        var (email, password) = await NewDoctorAsync();
        var first = (await (await LoginAsync(email, password)).Content.ReadFromJsonAsync<TokenResponse>())!;

        var second = await _host.Http.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken));
        var rotated = (await second.Content.ReadFromJsonAsync<TokenResponse>())!;
        var replay = await _host.Http.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken));
        var afterReplay = await _host.Http.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(rotated.RefreshToken));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first.RefreshToken, rotated.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode); // the thief's and the user's copies both die
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(rotated.AccessToken));
    }

    [Fact]
    public async Task AnAccessTokenStopsWorkingAfterLogout()
    {
        var (email, password) = await NewDoctorAsync();
        var tokens = (await (await LoginAsync(email, password)).Content.ReadFromJsonAsync<TokenResponse>())!;
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = JsonContent.Create(new RefreshRequest(tokens.RefreshToken)) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Http.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(tokens.RefreshToken))).StatusCode);
    }

    public static TheoryData<string> ForgedTokens => new() { "tampered", "expired", "alg-none", "hs256-with-public-key", "wrong-issuer", "wrong-audience", "other-key" };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task ForgedOrStaleTokensAreRefused(string kind)
    {
        var (email, password) = await NewDoctorAsync();
        var genuine = (await (await LoginAsync(email, password)).Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        var key = _host.App.Services.GetRequiredService<ECDsaSecurityKey>();
        var claims = new JsonWebTokenHandler().ReadJsonWebToken(genuine).Claims.Where(c => c.Type is not ("exp" or "nbf" or "iat" or "iss" or "aud")).ToList();
        string Sign(SigningCredentials credentials, string issuer = "fajma", string audience = "fajma-api", DateTime? expires = null) =>
            new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Subject = new ClaimsIdentity(claims), Issuer = issuer, Audience = audience, SigningCredentials = credentials,
                Expires = expires ?? DateTime.UtcNow.AddMinutes(5), NotBefore = (expires ?? DateTime.UtcNow).AddMinutes(-10), IssuedAt = (expires ?? DateTime.UtcNow).AddMinutes(-10),
            });
        var es256 = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);

        var forged = kind switch
        {
            "tampered" => genuine[..^4] + (genuine[^4] == 'A' ? "B" : "A") + genuine[^3..],
            "expired" => Sign(es256, expires: DateTime.UtcNow.AddMinutes(-2)),
            "alg-none" => Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + genuine.Split('.')[1] + ".",
            "hs256-with-public-key" => Sign(new SigningCredentials(new SymmetricSecurityKey(key.ECDsa.ExportSubjectPublicKeyInfo()), SecurityAlgorithms.HmacSha256)),
            "wrong-issuer" => Sign(es256, issuer: "someone-else"),
            "wrong-audience" => Sign(es256, audience: "another-api"),
            _ => Sign(new SigningCredentials(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256)),
        };

        Assert.Equal(HttpStatusCode.OK, await MeAsync(Sign(es256))); // the same claims, honestly signed, pass
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(forged));
    }

    private sealed record ProblemBody(string? Title, string? Detail);
}
