using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fajma.Devices.Clock;

/// <summary>
/// Aligns a device's clock with the server's through <c>GET /api/v1/time</c>, the way SNTP does for the firmware: each
/// exchange gives <c>offset = server time − (sent + received) / 2</c>, exact when the way there and back take as long,
/// and the exchange with the shortest round trip is the one trusted (000 §2.3B: drift under 100 ms, tolerance 1 s).
/// </summary>
public static class ServerTimeSync
{
    /// <summary>The correction to add to <paramref name="local"/> to read the server's time, and the round trip it was measured over.</summary>
    public static async Task<(TimeSpan Correction, TimeSpan RoundTrip)> MeasureAsync(HttpClient http, Uri server, TimeProvider local,
        int exchanges = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentOutOfRangeException.ThrowIfLessThan(exchanges, 1);
        (TimeSpan Correction, TimeSpan RoundTrip)? best = null;
        for (var i = 0; i < exchanges; i++)
        {
            var sent = local.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            using var answer = await http.GetFromJsonAsync<JsonDocument>(new Uri(server, "/api/v1/time"), cancellationToken)
                ?? throw new InvalidOperationException("GET /api/v1/time answered nothing");
            var roundTrip = Stopwatch.GetElapsedTime(started);
            var serverMs = answer.RootElement.GetProperty("unixMilliseconds").GetInt64();
            var midpoint = sent + roundTrip / 2;
            var correction = DateTimeOffset.FromUnixTimeMilliseconds(serverMs) - midpoint;
            if (best is null || roundTrip < best.Value.RoundTrip) best = (correction, roundTrip);
        }
        return best!.Value;
    }
}
