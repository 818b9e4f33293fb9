using System.Net.Http.Json;
using Fajma.Cli.Simulation;
using Fajma.Server.Identity;

namespace Fajma.Cli.Bench;

/// <summary>A benchmark's watcher: a doctor account with the given simulated patients in its care team.</summary>
internal static class BenchDoctor
{
    /// <summary>Creates the doctor and returns an access token, good for ten minutes: enough for a short run.</summary>
    public static async Task<string> CreateAsync(HttpClient admin, Uri server, IEnumerable<int> patients, CancellationToken cancellationToken,
        string email = "bench-doctor@fajma.local", string name = "Bench doctor")
    {
        using var session = await CreateSessionAsync(admin, server, patients, cancellationToken, email, name);
        return session.AccessToken;
    }

    /// <summary>Creates the doctor and returns its session, which refreshes its token for runs of any length.</summary>
    public static async Task<DoctorSession> CreateSessionAsync(HttpClient admin, Uri server, IEnumerable<int> patients, CancellationToken cancellationToken,
        string email = "bench-doctor@fajma.local", string name = "Bench doctor")
    {
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        var created = await admin.PostAsJsonAsync(new Uri(server, "/api/v1/users"),
            new CreateUserRequest(email, name, Roles.Doctor, password, null), cancellationToken);
        created.EnsureSuccessStatusCode();
        var doctor = (await created.Content.ReadFromJsonAsync<UserDto>(cancellationToken))!;
        await Parallel.ForEachAsync(patients, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (patientId, ct) =>
            (await admin.PostAsJsonAsync(new Uri(server, $"/api/v1/patients/{patientId}/care-team"), new CareTeamRequest(doctor.Id), ct)).EnsureSuccessStatusCode());
        using var http = new HttpClient();
        return new DoctorSession(server, await FleetRegistration.SignInAsync(http, server, doctor.Email, password, cancellationToken));
    }
}
