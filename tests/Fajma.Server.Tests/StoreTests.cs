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

        var seen = new List<double>();
        string? cursor = null;
        do
        {
            var page = await host.Http.GetFromJsonAsync<ObservationPage>(
                $"/api/v1/patients/{patientId}/observations?type=heart_rate&limit=10" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page!.Items.Select(o => o.Value));
            cursor = page.NextCursor;
        } while (cursor is not null);
        var window = await host.Http.GetFromJsonAsync<ObservationPage>(
            $"/api/v1/patients/{patientId}/observations?type=heart_rate&from={Uri.EscapeDataString(start.AddMinutes(5).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(9).ToString("O"))}");

        Assert.Equal(Enumerable.Range(60, 25).Reverse().Select(v => (double)v), seen);
        Assert.Equal([69.0, 68, 67, 66, 65], window!.Items.Select(o => o.Value));
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
