using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fajma.Server.OnCall;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary><c>/api/v1/rotas</c>: admins edit, doctors read, bad input is refused naming the field and changes nothing, every change is audited.</summary>
public abstract class RotaTests(FajmaHost host)
{
    private readonly FajmaHost _host = host;

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private static RotaRequest Weekly(string name, params int[] members) => new(name, "Europe/Paris", "2026-01-05T08:00", ["08:00"], 7, members);

    private async Task<RotaDto> CreateAsync(RotaRequest request)
    {
        var response = await _host.Admin.PostAsJsonAsync("/api/v1/rotas", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RotaDto>())!;
    }

    [Fact]
    public async Task AnAdminCreatesARotaAndADoctorReadsWhoIsOnCallButCannotEditIt()
    {
        var rota = await CreateAsync(Weekly("Read test", _host.DoctorId));

        var read = await _host.Http.GetFromJsonAsync<RotaDto>($"/api/v1/rotas/{rota.Id}");
        Assert.Equal((_host.DoctorId, "Europe/Paris", "2026-01-05T08:00"), (read!.OnCallNow!.DoctorId, read.TimeZone, read.FirstHandover));
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Http.PostAsJsonAsync("/api/v1/rotas", Weekly("By a doctor", _host.DoctorId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Http.DeleteAsync($"/api/v1/rotas/{rota.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Admin.GetAsync("/api/v1/oncall/me")).StatusCode); // admins are not on call
    }

    [Fact]
    public async Task AnUnknownZoneANonDoctorMemberAndAHandoverOffTheTimesAreNamedAndNothingIsStored()
    {
        var adminAccount = await _host.CreateAccountAsync("rota-admin@test.fajma", Identity.Roles.Admin, FajmaHost.Password);
        var request = new RotaRequest("Bad", "Europe/Atlantis", "2026-01-05T09:00", ["08:00", "25:00"], 1, [_host.DoctorId, adminAccount]);

        var errors = await ErrorsAsync(await _host.Admin.PostAsJsonAsync("/api/v1/rotas", request));

        Assert.Equal(["firstHandover", "handoverTimes[1]", "members[1]", "timeZone"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.False(await _host.QueryAsync(db => db.Rotas.AnyAsync(r => r.Name == "Bad")));
    }

    [Fact]
    public async Task EditingARotaReordersItsMembersAndEveryChangeIsAudited()
    {
        var (secondId, _) = await _host.DoctorInCareTeamAsync("rota-second@test.fajma");
        var rota = await CreateAsync(Weekly("Reorder test", _host.DoctorId, secondId));

        var response = await _host.Admin.PutAsJsonAsync($"/api/v1/rotas/{rota.Id}", Weekly("Reorder test", secondId, _host.DoctorId) with { CycleDays = 1 });
        var edited = (await response.Content.ReadFromJsonAsync<RotaDto>())!;

        Assert.Equal([secondId, _host.DoctorId], edited.Members.Select(m => m.DoctorId));
        Assert.Equal(1, edited.CycleDays);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Admin.DeleteAsync($"/api/v1/rotas/{rota.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.GetAsync($"/api/v1/rotas/{rota.Id}")).StatusCode);
        var audited = await _host.QueryAsync(db => db.AuditEntries.Where(e => e.Target == $"rota:{rota.Id}").Select(e => e.Action).ToListAsync());
        Assert.Equal([OnCallAudit.RotaCreated, OnCallAudit.RotaChanged, OnCallAudit.RotaDeleted], audited);
    }

    [Fact]
    public async Task AnOverrideCoversTheRotaAndAnOverlappingOneIsRefusedNamingFrom()
    {
        var (coverId, _) = await _host.DoctorInCareTeamAsync("rota-cover@test.fajma");
        var rota = await CreateAsync(Weekly("Override test", _host.DoctorId));
        var now = DateTimeOffset.UtcNow;

        var added = await _host.Admin.PostAsJsonAsync($"/api/v1/rotas/{rota.Id}/overrides", new RotaOverrideRequest(coverId, now.AddHours(-1), now.AddHours(2)));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var read = await _host.Http.GetFromJsonAsync<RotaDto>($"/api/v1/rotas/{rota.Id}");
        Assert.Equal((coverId, true), (read!.OnCallNow!.DoctorId, read.OnCallNow.Covering));
        Assert.Equal(_host.DoctorId, read.NextOnCall!.DoctorId);

        var overlapping = await _host.Admin.PostAsJsonAsync($"/api/v1/rotas/{rota.Id}/overrides", new RotaOverrideRequest(_host.DoctorId, now, now.AddHours(5)));
        Assert.Contains("overlaps", (await ErrorsAsync(overlapping))["from"][0], StringComparison.Ordinal);
        var backwards = await _host.Admin.PostAsJsonAsync($"/api/v1/rotas/{rota.Id}/overrides", new RotaOverrideRequest(coverId, now.AddHours(9), now.AddHours(8)));
        Assert.Equal(["to"], (await ErrorsAsync(backwards)).Keys);
        Assert.Equal(1, await _host.QueryAsync(db => db.RotaCovers.CountAsync(c => c.RotaId == rota.Id)));
    }

    [Fact]
    public async Task TheTimelineShowsEachHandoverAtTheRotaZonesWallTime()
    {
        var (secondId, _) = await _host.DoctorInCareTeamAsync("rota-timeline@test.fajma");
        var rota = await CreateAsync(new RotaRequest("Timeline test", "Europe/Paris", "2026-10-23T08:00", ["08:00"], 1, [_host.DoctorId, secondId]));

        var spans = await _host.Http.GetFromJsonAsync<List<OnCallSpanDto>>(
            $"/api/v1/rotas/{rota.Id}/timeline?from=2026-10-24T00:00:00Z&to=2026-10-27T00:00:00Z");

        // Paris leaves summer time on Sunday 25 October: 08:00 is 06:00 UTC before, 07:00 UTC after.
        Assert.Equal(["2026-10-23T06:00:00Z", "2026-10-24T06:00:00Z", "2026-10-25T07:00:00Z", "2026-10-26T07:00:00Z"],
            spans!.Select(s => s.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class SqliteRotaTests(SqliteHostFixture fixture) : RotaTests(fixture.Host), IClassFixture<SqliteHostFixture>;

/// <summary>The same on PostgreSQL: the local wall time of a first handover and the overrides' instants round-trip on both stores.</summary>
public sealed class PostgresRotaTests(PostgresHostFixture fixture) : RotaTests(fixture.Host), IClassFixture<PostgresHostFixture>;
