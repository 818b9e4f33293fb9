using System.Net.Http.Json;
using Fajma.Cli.Simulation;
using Fajma.Server.Identity;

namespace Fajma.Cli.Bench;

/// <summary>The benchmark's watcher: a doctor account with every simulated patient in its care team.</summary>
internal static class BenchDoctor
{
    public static async Task<string> CreateAsync(HttpClient admin, Uri server, IEnumerable<int> patients, CancellationToken cancellationToken)
    {
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        var created = await admin.PostAsJsonAsync(new Uri(server, "/api/v1/users"),
            new CreateUserRequest("bench-doctor@fajma.local", "Bench doctor", Roles.Doctor, password, null), cancellationToken);
        created.EnsureSuccessStatusCode();
        var doctor = (await created.Content.ReadFromJsonAsync<UserDto>(cancellationToken))!;
        await Parallel.ForEachAsync(patients, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (patientId, ct) =>
            (await admin.PostAsJsonAsync(new Uri(server, $"/api/v1/patients/{patientId}/care-team"), new CareTeamRequest(doctor.Id), ct)).EnsureSuccessStatusCode());
        using var http = new HttpClient();
        await FleetRegistration.SignInAsync(http, server, doctor.Email, password, cancellationToken);
        return http.DefaultRequestHeaders.Authorization!.Parameter!;
    }
}
