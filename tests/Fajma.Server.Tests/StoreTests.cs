using System.Net.Http.Json;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>The store's behaviour, run on each provider: SQLite (embedded default) and PostgreSQL (scale-out).</summary>
public abstract class StoreTests(FajmaHost host)
{
    private async Task PostStandardAsync(string deviceId, Guid id, DateTimeOffset at, double heartRate) =>
        (await host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, id, at, heartRate)))).EnsureSuccessStatusCode();

    [Fact]
    public async Task RedeliveredMessagesAreStoredExactlyOnceEvenWhenSentConcurrently()
    {
        var (_, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var id = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostStandardAsync(deviceId, id, at, 80)));

        Assert.Equal(1, await host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
        Assert.Equal(2, await host.QueryAsync(db => db.Observations.CountAsync(o => o.DeviceId == deviceId)));
    }

    [Fact]
    public async Task HistoryPagesNewestFirstWithoutGapsOrRepeatsAndFiltersByTime()
    {
        var (patientId, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        for (var i = 0; i < 25; i++) await PostStandardAsync(deviceId, Guid.NewGuid(), start.AddMinutes(i), 60 + i);

        var seen = (await AllPagesAsync($"/api/v1/patients/{patientId}/observations?type=heart_rate&limit=10")).Select(o => o.Value);
        var window = await host.Http.GetFromJsonAsync<ObservationPage>(
            $"/api/v1/patients/{patientId}/observations?type=heart_rate&from={Uri.EscapeDataString(start.AddMinutes(5).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(9).ToString("O"))}");

        Assert.Equal(Enumerable.Range(60, 25).Reverse().Select(v => (double)v), seen);
        Assert.Equal([69.0, 68, 67, 66, 65], window!.Items.Select(o => o.Value));
    }

    [Fact]
    public async Task ASignTakenRarelyAmongFrequentReadingsIsPagedLatestAndFoundByTime()
    {
        var (patientId, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var now = DateTimeOffset.UtcNow;
        // Blood pressure three times over two days; an oximeter's SpO2 and heart rate every 15 s for the last ten minutes.
        var pressures = new[] { (now.AddDays(-2), 110.0), (now.AddHours(-5), 120.0), (now.AddHours(-3), 130.0) };
        foreach (var (at, systolic) in pressures) await PostAsync(Messages.Standard(deviceId, Guid.NewGuid(), at, systolic: systolic));
        var oximetry = Enumerable.Range(0, 40).Select(i => now.AddMinutes(-10).AddSeconds(15 * i)).ToList();
        foreach (var at in oximetry) await PostAsync(Messages.Oximeter(deviceId, at));

        var pressurePages = await AllPagesAsync($"/api/v1/patients/{patientId}/observations?type=blood_pressure&limit=2");
        var oximetryPages = await AllPagesAsync($"/api/v1/patients/{patientId}/observations?type=spo2&limit=7");
        var window = await host.Http.GetFromJsonAsync<ObservationPage>($"/api/v1/patients/{patientId}/observations?type=blood_pressure" +
            $"&from={Uri.EscapeDataString(now.AddHours(-6).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(-4).ToString("O"))}");
        var board = await host.Http.GetFromJsonAsync<Fajma.Server.Monitoring.PatientDto>($"/api/v1/patients/{patientId}");

        Assert.Equal([130.0, 120, 110], pressurePages.Select(o => o.Value));
        Assert.Equal(oximetry.AsEnumerable().Reverse().Select(Millis), oximetryPages.Select(o => Millis(o.MeasuredAt)));
        Assert.Equal([120.0], window!.Items.Select(o => o.Value));
        Assert.Equal(130.0, board!.Latest.Single(o => o.Type == "blood_pressure").Value);
        Assert.Equal(Millis(oximetry[^1]), Millis(board.Latest.Single(o => o.Type == "spo2").MeasuredAt));
    }

    private async Task PostAsync(byte[] message) =>
        (await host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(message))).EnsureSuccessStatusCode();

    private static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>Every page of a history read, following its cursor to the end.</summary>
    private async Task<List<ObservationDto>> AllPagesAsync(string url)
    {
        var all = new List<ObservationDto>();
        string? cursor = null;
        do
        {
            var page = await host.Http.GetFromJsonAsync<ObservationPage>(url + (cursor is null ? "" : $"&cursor={cursor}"));
            all.AddRange(page!.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return all;
    }

    [Fact]
    public async Task UptimeDeviceKeepsItsSequenceAndUsesTheServerClock()
    {
        var (patientId, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        (await host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceId, 3_600_000)))).EnsureSuccessStatusCode();

        var message = await host.QueryAsync(db => db.IngestedMessages.SingleAsync(m => m.DeviceId == deviceId));
        Assert.Equal((3_600_000L, (DateTimeOffset?)null), (message.DeviceSequence, message.DeviceTime));
        var page = await host.Http.GetFromJsonAsync<ObservationPage>($"/api/v1/patients/{patientId}/observations");
        Assert.All(page!.Items, o => Assert.Equal("server", o.ClockSource));
        Assert.All(page.Items, o => Assert.InRange(o.MeasuredAt, before, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task InvalidHistoryQueriesNameTheParameter()
    {
        var (patientId, _) = await host.RegisterPatientWithDeviceAsync();

        var response = await host.Http.GetAsync($"/api/v1/patients/{patientId}/observations?type=glucose&limit=0");
        var missing = await host.Http.GetAsync("/api/v1/patients/987654/observations");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"type\"", body, StringComparison.Ordinal);
        Assert.Contains("\"limit\"", body, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}

public sealed class SqliteStoreTests(SqliteHostFixture fixture) : StoreTests(fixture.Host), IClassFixture<SqliteHostFixture>;

public sealed class PostgresStoreTests(PostgresHostFixture fixture) : StoreTests(fixture.Host), IClassFixture<PostgresHostFixture>;
