using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>Rate limits and security headers, on a server with production limits (tight ones where a test must reach them).</summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private FajmaHost _host = null!;

    public async Task InitializeAsync() => _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(),
        "--RateLimits:LoginPerMinute=8", "--RateLimits:UserRequestsPerSecond=5", "--RateLimits:DeviceMessagesPerSecond=5");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignInAttemptsFromOneAddressAreLimitedBeforeAnyAccountIsGuessed()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await anonymous.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest($"guess{i}@test.fajma", "x"))).StatusCode);

        // The host itself used one sign-in per account at start; the rest of the window allows a few more, then 429.
        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AUserFloodingTheApiGets429WithRetryAfterAndOthersAreUnaffected()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _host.Http.GetAsync("/api/v1/devices")));
        var admin = await _host.Admin.GetAsync("/api/v1/devices");

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.NotNull(limited[0].Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task ApiAndPageResponsesCarrySecurityHeadersAndPatientDataIsNeverCached()
    {
        var api = await _host.Http.GetAsync("/api/v1/patients");
        var page = await _host.Http.GetAsync("/");

        foreach (var response in (HttpResponseMessage[])[api, page])
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
        Assert.True(api.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task ACrossOriginBrowserIsNotInvitedToReadTheApi()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/patients");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await _host.Http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
