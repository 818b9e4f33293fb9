using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Monitoring;
using Fajma.Server.Observations;
using Fajma.Server.Privacy;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

public sealed class AuditTrailTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private Task<List<Storage.AuditEntry>> EntriesAsync() => _host.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task ReadingAPatientsVitalsLeavesWhoWhatWhichPatientAndFromWhere()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();

        await _host.Http.GetAsync($"/api/v1/patients/{patientId}/observations?type=heart_rate");

        var entry = (await EntriesAsync()).Last(e => e.Action == AuditActions.ObservationsRead);
        Assert.Equal((_host.DoctorId, Roles.Doctor, (int?)patientId), (entry.ActorId, entry.ActorRole, entry.PatientId));
        Assert.Equal("127.0.0.1", entry.Source);
        Assert.Contains("type=heart_rate", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSignInsAndRejectedDeviceMessagesAreAudited()
    {
        await _host.Http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("intruder@test.fajma", "guess"));
        await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat("ROGUE-1", 5)));

        var entries = await EntriesAsync();
        // The trail holds no address: an attempt is named by the address's blind index, the same at every try.
        var intruder = await _host.QueryAsync(db => Task.FromResult(db.AuditNameOfEmail("intruder@test.fajma")));
        Assert.StartsWith("email#", intruder, StringComparison.Ordinal);
        Assert.Contains(entries, e => e.Action == AuditActions.LoginFailed && e.Target == intruder);
        Assert.DoesNotContain(entries, e => (e.Target ?? "").Contains("intruder", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditActions.DeviceMessageRejected && e.Target == "ROGUE-1");
    }

    [Fact]
    public async Task TheHonestChainVerifiesAndTheDatabaseRefusesEditsAndDeletes()
    {
        await _host.Http.GetAsync("/api/v1/patients");
        var entries = await EntriesAsync();

        Assert.Null(AuditChain.FirstBreak(entries));
        var update = () => _host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor_id = 1 WHERE id = 1"));
        var delete = () => _host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE id = 1"));
        Assert.Contains("append-only", (await Assert.ThrowsAsync<SqliteException>(update)).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", (await Assert.ThrowsAsync<SqliteException>(delete)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedOrDeletedRowIsNamedEvenWhenTheTriggersWereDropped()
    {
        await _host.Http.GetAsync("/api/v1/patients");
        await _host.Http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("someone@test.fajma", "x"));
        var entries = await EntriesAsync();
        Assert.True(entries.Count >= 3);

        var edited = entries.Select(Copy).ToList();
        edited[1].ActorId = 999; // what someone with direct database access might do
        var deleted = entries.Where(e => e.Id != entries[1].Id).ToList();
        var rechained = entries.Select(Copy).ToList();
        rechained[1].Detail = "rewritten";
        rechained[1].Hash = AuditChain.Hash(rechained[1].PreviousHash, rechained[1]); // even re-hashing the edited row is caught by the next

        Assert.Equal(entries[1].Id, AuditChain.FirstBreak(edited)?.Id);
        Assert.Equal(entries[2].Id, AuditChain.FirstBreak(deleted)?.Id);
        Assert.Equal(entries[2].Id, AuditChain.FirstBreak(rechained)?.Id);
    }

    [Fact]
    public async Task AnAdminReadsVitalsOnlyThroughBreakGlassWithAReasonThatIsAuditedFirst()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceId, 1, heartRate: 141)))).EnsureSuccessStatusCode();

        var normal = await _host.Admin.GetAsync($"/api/v1/patients/{patientId}/observations");
        var noReason = await _host.Admin.PostAsJsonAsync($"/api/v1/patients/{patientId}/break-glass", new BreakGlassRequest("because"));
        var broken = await _host.Admin.PostAsJsonAsync($"/api/v1/patients/{patientId}/break-glass", new BreakGlassRequest("ward called: patient unresponsive at home"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, normal.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noReason.StatusCode);
        var page = await broken.Content.ReadFromJsonAsync<ObservationPage>();
        Assert.Contains(page!.Items, o => o.Type == "heart_rate" && o.Value == 141);
        var entry = (await EntriesAsync()).Last(e => e.Action == AuditActions.BreakGlass);
        Assert.Equal((Roles.Admin, (int?)patientId, "ward called: patient unresponsive at home"), (entry.ActorRole, entry.PatientId, entry.Detail));
    }

    private static Storage.AuditEntry Copy(Storage.AuditEntry e) => new()
    {
        Id = e.Id, At = e.At, ActorId = e.ActorId, ActorRole = e.ActorRole, Action = e.Action, PatientId = e.PatientId,
        Target = e.Target, Source = e.Source, Detail = e.Detail, PreviousHash = e.PreviousHash, Hash = e.Hash,
    };
}
