using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Fajma.Server.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// The triage board through the real host on a fake clock (26 November 2026, 08:00 UTC, on a 5-minute boundary, before the real clock; access
/// tokens made to outlive the real clock): time out of range from the alerts' open intervals, coverage of 5-minute slots,
/// NEWS2 against six hours before, reviews shared by the care team, and nobody else's patients. On SQLite here, on
/// PostgreSQL in <see cref="PostgresTriageTests"/> (coverage is grouped in SQL).
/// </summary>
public class TriageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(s_start);
    private FajmaHost _host = null!;

    protected virtual Task<TestDatabase> DatabaseAsync() => TestDatabase.SqliteAsync();

    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await DatabaseAsync(), b => b.Services.AddSingleton<TimeProvider>(_time), "--Auth:AccessTokenLifetime=1000.00:00:00");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int PatientId, Esp32 Device, IDisposable Client)> PatientAsync()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var client = await _host.ConnectMqttAsync(deviceId);
        return (patientId, new Esp32(client, deviceId), client);
    }

    private static async Task<TriageBoardDto> BoardAsync(HttpClient http)
    {
        var response = await http.GetAsync("/api/v1/triage");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TriageBoardDto>())!;
    }

    private HttpClient As(string token)
    {
        var http = new HttpClient { BaseAddress = _host.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// Every 30 seconds, each device sends one reading (SpO2 as given): none stays silent the minute after which a monitor
    /// raises "no data", so no other alert mixes in.
    /// </summary>
    private async Task MinutesAsync(int minutes, params (Esp32 Device, double Spo2)[] devices)
    {
        for (var i = 0; i < minutes * 2; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            foreach (var (device, spo2) in devices) await device.SendAsync(spo2: spo2);
        }
    }

    [Fact]
    public async Task AnAlertOpenFortyMinutesShowsFortyMinutesOutOfRangeAndWhileOpenPutsThePatientFirst()
    {
        var (calm, calmDevice, calmClient) = await PatientAsync();
        var (patientId, device, client) = await PatientAsync();
        using var _ = calmClient;
        using var __ = client;
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        await calmDevice.SendAsync();

        await device.SendAsync(spo2: 85);
        await device.SendAsync(spo2: 85);
        await doctor.NextAsync(a => a.Rule == "spo2:low" && a.Event == "raised", "the desaturation alert");
        await MinutesAsync(10, (calmDevice, 97), (device, 85));

        var open = await BoardAsync(_host.Http);
        Assert.Equal([patientId, calm], open.Patients.Select(p => p.PatientId));
        var row = open.Patients[0];
        Assert.Equal((1, 1, "critical", 10.0), (row.OpenAlerts, row.OpenCritical, row.HighestSeverity, row.OutOfRangeMinutes));
        Assert.Contains("open_critical", row.Reasons);
        Assert.Contains("out_of_range", row.Reasons);

        await MinutesAsync(30, (calmDevice, 97), (device, 85));
        await device.SendAsync(spo2: 97);
        await device.SendAsync(spo2: 97);
        await doctor.NextAsync(a => a.Rule == "spo2:low" && a.Event == "resolved", "the alert resolving back in range");
        await MinutesAsync(5, (calmDevice, 97), (device, 97));

        var after = (await BoardAsync(_host.Http)).Patients.Single(p => p.PatientId == patientId);
        Assert.Equal((0, null, 40.0), (after.OpenAlerts, after.HighestSeverity, after.OutOfRangeMinutes));
        Assert.Equal(s_start, after.LastAlertAt);
    }

    [Fact]
    public async Task CoverageCountsTheFiveMinuteSlotsWithAReadingAndShowsTheGapHourByHour()
    {
        var (patientId, device, client) = await PatientAsync();
        using var _ = client;
        // 08:00–08:25 every 5 minutes (two readings in the first slot), nothing for two hours, then 10:30–10:55.
        await device.SendAsync();
        for (var i = 0; i < 6; i++)
        {
            await device.SendAsync();
            _time.Advance(TimeSpan.FromMinutes(5));
        }
        _time.Advance(TimeSpan.FromHours(2));
        for (var i = 0; i < 6; i++)
        {
            await device.SendAsync();
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        var row = (await BoardAsync(_host.Http)).Patients.Single(p => p.PatientId == patientId);
        Assert.Equal(Math.Round(12.0 / 288, 3), row.Coverage);
        Assert.Contains("low_coverage", row.Reasons);
        // The window ends at 11:00: its last three hours are 08:00 (half covered), 09:00 (empty), 10:00 (half covered).
        Assert.Equal([0.5, 0, 0.5], row.CoverageHours.TakeLast(3));
        Assert.All(row.CoverageHours.SkipLast(3), h => Assert.Equal(0, h));
    }

    [Fact]
    public async Task News2IsComparedWithSixHoursBeforeAndARiseOfTwoOrMoreIsAReason()
    {
        var (patientId, device, client) = await PatientAsync();
        using var _ = client;
        await device.SendAsync(heartRate: 72, spo2: 97, temperature: 36.6);
        _time.Advance(TimeSpan.FromHours(6));
        await device.SendAsync(heartRate: 115, spo2: 93, temperature: 38.4); // 2 + 2 + 1, all within their alert limits

        var row = (await BoardAsync(_host.Http)).Patients.Single(p => p.PatientId == patientId);
        Assert.Equal((5, 0), (row.News2, row.News2Before));
        Assert.Contains("news2_rising", row.Reasons);
    }

    [Fact]
    public async Task AReviewByOneDoctorIsSeenByTheOtherDoctorOfTheCareTeamWithItsNote()
    {
        var (patientId, device, client) = await PatientAsync();
        using var _ = client;
        var (otherId, otherToken) = await _host.DoctorInCareTeamAsync("second@test.fajma", patientId);
        using var other = As(otherToken);

        _time.Advance(TimeSpan.FromMinutes(3));
        var response = await other.PostAsJsonAsync($"/api/v1/triage/{patientId}/reviewed", new ReviewRequest("called, feels fine"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var review = (await BoardAsync(_host.Http)).Patients.Single(p => p.PatientId == patientId).LastReview;
        Assert.NotNull(review);
        Assert.Equal((otherId, "called, feels fine", s_start.AddMinutes(3)), (review.DoctorId, review.Note, review.At));
        Assert.False(string.IsNullOrEmpty(review.DoctorName));
        var audit = await _host.QueryAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.PatientId == patientId && a.Action == "triage.reviewed" && a.ActorId == otherId)));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task ANoteTooLongIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        var response = await _host.Http.PostAsJsonAsync($"/api/v1/triage/{patientId}/reviewed", new ReviewRequest(new string('x', TriageEndpoints.MaxNote + 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("note", (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Null((await BoardAsync(_host.Http)).Patients.Single(p => p.PatientId == patientId).LastReview);
    }

    [Fact]
    public async Task ADoctorSeesOnlyTheirCareTeamsPatientsAndCannotReviewAnotherDoctorsPatient()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        var (_, strangerToken) = await _host.DoctorInCareTeamAsync("stranger@test.fajma");
        using var stranger = As(strangerToken);

        Assert.Empty((await BoardAsync(stranger)).Patients);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/triage/{patientId}/reviewed", new ReviewRequest(null))).StatusCode);
        Assert.Contains((await BoardAsync(_host.Http)).Patients, p => p.PatientId == patientId);
    }

    [Fact]
    public async Task PatientsAndAdminsAreRefusedTheBoard()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        await _host.CreateAccountAsync("patient@test.fajma", Roles.Patient, FajmaHost.Password, patientId);
        using var patient = As(await _host.TokenAsync("patient@test.fajma", FajmaHost.Password));

        Assert.Equal(HttpStatusCode.Forbidden, (await patient.GetAsync("/api/v1/triage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await patient.PostAsJsonAsync($"/api/v1/triage/{patientId}/reviewed", new ReviewRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Admin.GetAsync("/api/v1/triage")).StatusCode);
    }
}

/// <summary>The same on PostgreSQL: the coverage query's integer division and the latest-review query on the other provider.</summary>
public sealed class PostgresTriageTests : TriageTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.PostgresAsync();
}
