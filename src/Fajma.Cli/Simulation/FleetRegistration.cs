using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Monitoring;
using Fajma.Server.Patients;

namespace Fajma.Cli.Simulation;

/// <summary>Registers simulated patients and devices through the server's own API, so <c>simulate</c> works against any server.</summary>
internal static class FleetRegistration
{
    /// <summary>A registered device with the secret it signs its messages with.</summary>
    public sealed record RegisteredDevice(string DeviceId, int PatientId, byte[] Secret, DeviceBundleDto Bundle);

    /// <summary>Signs in (an admin registers patients and devices) and sets the client's bearer token.</summary>
    /// <summary>Signs in and sends the access token with every request of <paramref name="http"/> from now on; returns the tokens.</summary>
    public static async Task<TokenResponse> SignInAsync(HttpClient http, Uri server, string email, string password, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync(new Uri(server, "/api/v1/auth/login"), new LoginRequest(email, password), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"signing in as {email} failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return tokens;
    }

    public static async Task<IReadOnlyList<RegisteredDevice>> RegisterAsync(HttpClient http, Uri server, string prefix, int count,
        bool mqtt, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var results = new RegisteredDevice[count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var deviceId = $"{prefix}-{i + 1:D5}";
            var patient = await PostAsync(http, new Uri(server, "/api/v1/patients"),
                new CreatePatientRequest($"Simulated patient {prefix}-{i + 1:D5}", new DateOnly(1970, 1, 1).AddDays(i % 15000)), ct);
            patient.EnsureSuccessStatusCode();
            var created = await patient.Content.ReadFromJsonAsync<PatientDto>(ct);
            var device = await PostAsync(http, new Uri(server, "/api/v1/devices"),
                new RegisterDeviceRequest(deviceId, mqtt ? DeviceTypes.Esp32Monitor : DeviceTypes.PulseOximeter, created!.Id), ct);
            if (device.StatusCode == HttpStatusCode.Conflict)
                throw new InvalidOperationException($"device {deviceId} is already registered and its secret cannot be read back; use another --prefix");
            device.EnsureSuccessStatusCode();
            var registered = await device.Content.ReadFromJsonAsync<DeviceBundleDto>(ct);
            results[i] = new RegisteredDevice(deviceId, created.Id, DeviceSecrets.Decode(registered!.Secret), registered);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }

    /// <summary>POSTs, waiting out the server's rate limit (429 + Retry-After) as a well-behaved client does.</summary>
    private static async Task<HttpResponseMessage> PostAsync<T>(HttpClient http, Uri uri, T body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await http.PostAsJsonAsync(uri, body, ct);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 20) return response;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
        }
    }
}
