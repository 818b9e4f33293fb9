using System.Net.Http.Json;
using Fajma.Server.Identity;

namespace Fajma.Cli.Bench;

/// <summary>
/// A benchmark doctor's signed-in session, kept fresh as the web app keeps its own: an access token lasts ten minutes
/// (<c>Auth:AccessTokenLifetime</c>) and the monitoring hub closes a connection whose token has expired, so a hub that
/// reconnects with the first token is locked out for the rest of a long run. Hand <see cref="AccessTokenAsync"/> to the
/// hub: it spends the refresh token for new ones when the access token has less than a minute left.
/// </summary>
internal sealed class DoctorSession(Uri server, TokenResponse tokens) : IDisposable
{
    private static readonly TimeSpan s_refreshBefore = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TokenResponse _tokens = tokens;

    public string AccessToken => _tokens.AccessToken;

    public async Task<string?> AccessTokenAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_tokens.AccessTokenExpiresAt - DateTimeOffset.UtcNow > s_refreshBefore) return _tokens.AccessToken;
            // Refresh tokens rotate: the one spent here is never presented again (a reuse would end the session).
            var response = await _http.PostAsJsonAsync(new Uri(server, "/api/v1/auth/refresh"), new RefreshRequest(_tokens.RefreshToken));
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"refreshing the bench doctor's session failed: HTTP {(int)response.StatusCode}");
            _tokens = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
            return _tokens.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The alerts of the doctor's patients raised since <paramref name="since"/>, newest first (at most 200): what a hub that
    /// was away may have missed. The web app does the same after a reconnect.
    /// </summary>
    public async Task<IReadOnlyList<BenchAlert>> AlertsRaisedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var from = Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"/api/v1/alerts?from={from}&limit=200"));
        request.Headers.Authorization = new("Bearer", await AccessTokenAsync());
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<BenchAlert>>(cancellationToken))!;
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }
}
