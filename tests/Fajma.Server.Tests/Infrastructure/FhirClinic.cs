using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fajma.Server.Consultations;
using Fajma.Server.Fhir;
using Fajma.Server.Identity;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A host with two patients for the FHIR tests: A (heart rate, SpO2, temperature, blood pressure, a heart rate alert,
/// a consultation) and B; the host's doctor has both, another doctor B only; both patients sign in. SQLite, or PostgreSQL
/// (<see cref="PostgresFhirClinic"/>).
/// </summary>
public class FhirClinic : IAsyncLifetime
{
    private readonly Func<Task<TestDatabase>> _database;

    public FhirClinic() => _database = TestDatabase.SqliteAsync;

    protected FhirClinic(Func<Task<TestDatabase>> database) => _database = database;

    public FajmaHost Host { get; private set; } = null!;

    public int PatientA { get; private set; }

    public int PatientB { get; private set; }

    public string DeviceA { get; private set; } = "";

    public int OtherDoctorId { get; private set; }

    public HttpClient Doctor => Host.Http;

    public HttpClient AsPatientA { get; private set; } = null!;

    public HttpClient AsPatientB { get; private set; } = null!;

    public HttpClient AsOtherDoctor { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>Readings stored for A: 3 flat messages (3 signs each) and 2 standard ones (heart rate and blood pressure).</summary>
    public const int ObservationsOfA = 13;

    public async Task InitializeAsync()
    {
        Host = await FajmaHost.StartAsync(await _database());
        (PatientA, DeviceA) = await Host.RegisterPatientWithDeviceAsync();
        (PatientB, var deviceB) = await Host.RegisterPatientWithDeviceAsync();
        await using (var alerts = await AlertListener.ConnectAsync(Host.Url, Host.DoctorToken))
        {
            // Two readings above 120 bpm raise the heart rate alert (a Flag).
            for (var i = 1; i <= 3; i++)
                (await Host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(DeviceA, i * 1000, heartRate: i == 1 ? 72 : 160 + i)))).EnsureSuccessStatusCode();
            await alerts.NextAsync(a => a.PatientId == PatientA && a.Rule == "heart_rate:high", "A's heart rate alert");
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var seconds in new[] { 20, 10 })
            (await Host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(DeviceA, Guid.NewGuid(), now.AddSeconds(-seconds))))).EnsureSuccessStatusCode();
        (await Host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceB, 1000)))).EnsureSuccessStatusCode();
        (await Host.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(PatientA, now.AddHours(2), "follow-up of the palpitations")))
            .EnsureSuccessStatusCode();
        await Host.CreateAccountAsync("a@fhir.test", Roles.Patient, FajmaHost.Password, PatientA);
        await Host.CreateAccountAsync("b@fhir.test", Roles.Patient, FajmaHost.Password, PatientB);
        (OtherDoctorId, var other) = await Host.DoctorInCareTeamAsync("other@fhir.test", PatientB);
        AsPatientA = Client(await Host.TokenAsync("a@fhir.test", FajmaHost.Password));
        AsPatientB = Client(await Host.TokenAsync("b@fhir.test", FajmaHost.Password));
        AsOtherDoctor = Client(other);
        Anonymous = Client(null);
    }

    private HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = Host.Url };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) where T : R4.Resource
    {
        var json = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<T>(json, FhirJson.Options) ?? throw new InvalidOperationException(json);
    }

    /// <summary>A search's Bundle, after checking it is served as FHIR JSON with 200.</summary>
    public static async Task<R4.Bundle> SearchAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        return await ReadAsync<R4.Bundle>(response);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { AsPatientA, AsPatientB, AsOtherDoctor, Anonymous }) client?.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class PostgresFhirClinic : FhirClinic
{
    public PostgresFhirClinic()
        : base(TestDatabase.PostgresAsync)
    {
    }
}
