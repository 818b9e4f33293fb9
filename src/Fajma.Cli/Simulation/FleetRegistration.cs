using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Devices;
using Fajma.Server.Patients;

namespace Fajma.Cli.Simulation;

/// <summary>Registers simulated patients and devices through the server's own API, so <c>simulate</c> works against any server.</summary>
internal static class FleetRegistration
{
    public sealed record RegisteredDevice(string DeviceId, int PatientId);

    public static async Task<IReadOnlyList<RegisteredDevice>> RegisterAsync(HttpClient http, Uri server, string prefix, int count,
        bool mqtt, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var results = new RegisteredDevice[count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var deviceId = $"{prefix}-{i + 1:D5}";
            var patient = await http.PostAsJsonAsync(new Uri(server, "/api/v1/patients"),
                new CreatePatientRequest($"Simulated patient {prefix}-{i + 1:D5}", new DateOnly(1970, 1, 1).AddDays(i % 15000)), ct);
            patient.EnsureSuccessStatusCode();
            var created = await patient.Content.ReadFromJsonAsync<PatientDto>(ct);
            var device = await http.PostAsJsonAsync(new Uri(server, "/api/v1/devices"),
                new RegisterDeviceRequest(deviceId, mqtt ? DeviceTypes.Esp32Monitor : DeviceTypes.PulseOximeter, created!.Id), ct);
            if (device.StatusCode != HttpStatusCode.Conflict) device.EnsureSuccessStatusCode();
            results[i] = new RegisteredDevice(deviceId, created.Id);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }
}
