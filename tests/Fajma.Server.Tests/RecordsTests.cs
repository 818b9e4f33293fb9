using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Privacy;
using Fajma.Server.Records;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// GDPR (issue 14 part 2) through the real host: the readable record, erasure requests decided by an admin under the legal hold,
/// crypto-shredding with the audit chain intact, and the retention sweep — on SQLite and PostgreSQL, with a fake clock.
/// </summary>
public abstract class RecordsTests(Func<Task<TestDatabase>> database) : IAsyncLifetime
{
    // From the real now: the tokens it issues (a day's lifetime) are checked against the real clock, and a fixed date
    // made every test of the class fail a day after it was written.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FajmaHost _host = null!;
    private int _patients;

    public async Task InitializeAsync() =>
        // Old data is written old (a fake clock jumping years would fire every short timer once per missed period); the clock then
        // moves one sweep on. Readings are kept 8,000 days here: longer than the 20-year legal period, as the options require.
        _host = await FajmaHost.StartAsync(await database(), b => b.Services.AddSingleton<TimeProvider>(_time), "--Auth:AccessTokenLifetime=1.00:00:00",
            "--Records:SweepInterval=00:01:00", "--Records:Observations=8000.00:00:00");

    /// <summary>Moves the patient's readings <paramref name="age"/> into the past, as if taken then (their seals, which bind the time, then fail).</summary>
    private Task<int> AgeReadingsAsync(int patientId, TimeSpan age) => _host.QueryAsync(async db =>
    {
        // Row by row: times are stored as Unix milliseconds, which SQL date arithmetic does not know. The minutes that list
        // where the readings are move with them (a key cannot change: replaced).
        foreach (var o in await db.Observations.Where(o => o.PatientId == patientId).ToListAsync()) o.MeasuredAt -= age;
        var minutes = await db.ObservationMinutes.Where(m => m.PatientId == patientId).ToListAsync();
        db.ObservationMinutes.RemoveRange(minutes);
        db.ObservationMinutes.AddRange(minutes.Select(m => new ObservationMinute { PatientId = m.PatientId, Type = m.Type, Start = m.Start - age }));
        return await db.SaveChangesAsync();
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A patient in the host doctor's care team, with a device that sent one reading, and their own signed-in client.</summary>
    private async Task<(int PatientId, string DeviceId, HttpClient Patient, string Email)> PatientWithAReadingAsync()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceId, 1, heartRate: 133)))).EnsureSuccessStatusCode();
        var email = $"records-{Interlocked.Increment(ref _patients)}@test.fajma";
        await _host.CreateAccountAsync(email, Roles.Patient, FajmaHost.Password, patientId);
        var client = new HttpClient { BaseAddress = _host.Url };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await _host.TokenAsync(email, FajmaHost.Password));
        return (patientId, deviceId, client, email);
    }

    private Task<List<Storage.AuditEntry>> AuditAsync() => _host.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task ThePatientAndTheirDoctorReadTheRecordAsAPrintablePageInTheirLanguageAndOthersDoNot()
    {
        var (patientId, _, patient, _) = await PatientWithAReadingAsync();
        using var _ = patient;
        var french = await patient.GetStringAsync($"/api/v1/patients/{patientId}/record?lang=fr");
        Assert.Contains("Mon dossier de santé", french, StringComparison.Ordinal);
        Assert.Contains("Fréquence cardiaque", french, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", french, StringComparison.Ordinal);
        Assert.Contains("133", french, StringComparison.Ordinal);
        using var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{patientId}/record");
        english.Headers.AcceptLanguage.ParseAdd("en-GB");
        var response = await _host.Http.SendAsync(english);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("My health record", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Admin.GetAsync($"/api/v1/patients/{patientId}/record")).StatusCode);
        Assert.Equal(2, (await AuditAsync()).Count(e => e.Action == AuditActions.RecordRead && e.PatientId == patientId));
    }

    [Fact]
    public async Task BadRequestsNameTheFieldAndTheAdminWhoFiledARequestMayNotDecideIt()
    {
        var (patientId, _, patient, _) = await PatientWithAReadingAsync();
        using var _ = patient;
        var missing = await patient.PostAsJsonAsync($"/api/v1/patients/{patientId}/erasure-requests", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("reason", (await missing.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        var tooLong = await patient.PostAsJsonAsync($"/api/v1/patients/{patientId}/erasure-requests", new ErasureRequestBody(new string('x', 1001)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Http.PostAsJsonAsync($"/api/v1/patients/{patientId}/erasure-requests", new ErasureRequestBody("doctor"))).StatusCode);
        Assert.Equal(0, await _host.QueryAsync(db => db.ErasureRequests.CountAsync(r => r.PatientId == patientId)));

        var filed = await (await _host.Admin.PostAsJsonAsync($"/api/v1/patients/{patientId}/erasure-requests", new ErasureRequestBody("asked by letter")))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ErasureRequestDto>();
        var noChoice = await _host.Admin.PostAsJsonAsync($"/api/v1/erasure-requests/{filed!.Id}/decision", new { reason = "ok" });
        Assert.Contains("approve", (await noChoice.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        var noReason = await _host.Admin.PostAsJsonAsync($"/api/v1/erasure-requests/{filed.Id}/decision", new ErasureDecisionBody(false, " "));
        Assert.Contains("reason", (await noReason.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        var own = await _host.Admin.PostAsJsonAsync($"/api/v1/erasure-requests/{filed.Id}/decision", new ErasureDecisionBody(false, "mine"));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(ErasureStatus.Pending, await _host.QueryAsync(db => db.ErasureRequests.Where(r => r.Id == filed.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task InsideTheLegalHoldAnErasureIsRefusedWithItsEndAndAfterItTheRecordIsShreddedWhileTheAuditChainVerifies()
    {
        var (patientId, deviceId, patient, email) = await PatientWithAReadingAsync();
        using var _ = patient;
        // The last reading: a year ago, so the hold (20 years from the last care) ends in 19 years.
        await AgeReadingsAsync(patientId, TimeSpan.FromDays(365));
        var readAt = await _host.QueryAsync(db => db.Observations.Where(o => o.PatientId == patientId).MaxAsync(o => o.MeasuredAt));
        var filed = await (await patient.PostAsJsonAsync($"/api/v1/patients/{patientId}/erasure-requests", new ErasureRequestBody("I moved abroad")))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ErasureRequestDto>();
        Assert.Equal((ErasureStatus.Pending, false, "inside_hold"), (filed!.Status, filed.Permitted, filed.Ground));
        Assert.Equal(readAt.AddYears(20).ToUnixTimeSeconds(), filed.HoldEndsAt!.Value.ToUnixTimeSeconds());

        // Inside the hold: the approval is refused with the day it ends, and nothing changes.
        var early = await _host.Admin.PostAsJsonAsync($"/api/v1/erasure-requests/{filed.Id}/decision", new ErasureDecisionBody(true, "patient asked"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains(readAt.AddYears(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await _host.QueryAsync(db => db.PatientKeys.AnyAsync(k => k.PatientId == patientId)));

        // Care that ended 21 years ago: the hold is over; approved, erased.
        await AgeReadingsAsync(patientId, TimeSpan.FromDays(365.25 * 20));
        var sealedBefore = await _host.QueryAsync(db => db.Observations.CountAsync(o => o.PatientId == patientId));
        var decided = await (await _host.Admin.PostAsJsonAsync($"/api/v1/erasure-requests/{filed.Id}/decision", new ErasureDecisionBody(true, "hold over")))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ErasureRequestDto>();
        Assert.Equal((ErasureStatus.Approved, Erasure.PseudonymOf(patientId)), (decided!.Status, decided.PatientName));

        // Every sealed value stays in the store but its key is gone, here and in every node's memory: unreadable.
        Assert.Equal(sealedBefore, await _host.QueryAsync(db => db.Observations.CountAsync(o => o.PatientId == patientId)));
        Assert.False(await _host.QueryAsync(db => db.PatientKeys.AnyAsync(k => k.PatientId == patientId)));
        Assert.Null(await _host.App.Services.GetRequiredService<PatientKeys>().FindAsync(patientId, CancellationToken.None));
        // Reads answer cleanly: gone to the care team, not found elsewhere; the doctor's alert list still answers.
        Assert.Equal(HttpStatusCode.Gone, (await _host.Http.GetAsync($"/api/v1/patients/{patientId}/record")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.GetAsync($"/api/v1/patients/{patientId}/observations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/api/v1/alerts")).StatusCode);
        // Identity pseudonymised, account disabled, session ended, device refused.
        var stored = await _host.QueryAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId));
        Assert.Equal((Erasure.PseudonymOf(patientId), 1, 1), (stored.DisplayName, stored.DateOfBirth.Month, stored.DateOfBirth.Day));
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, FajmaHost.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await patient.GetAsync("/api/v1/patients")).StatusCode);
        Assert.NotNull(await _host.QueryAsync(db => db.Devices.Where(d => d.Id == deviceId).Select(d => d.RevokedAt).SingleAsync()));

        // The audit trail: that it happened, by whom, for which request — nothing clinical, and the chain verifies.
        var entries = await AuditAsync();
        Assert.Null(AuditChain.FirstBreak(entries));
        var erased = Assert.Single(entries, e => e.Action == AuditActions.PatientErased);
        Assert.Equal((patientId, $"erasure-request:{filed.Id}"), (erased.PatientId, erased.Target));
        Assert.DoesNotContain("133", erased.Detail ?? "", StringComparison.Ordinal);

        // Idempotent: a second decision changes nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await _host.Admin.PostAsJsonAsync($"/api/v1/erasure-requests/{filed.Id}/decision", new ErasureDecisionBody(true, "again"))).StatusCode);
        Assert.Equal(0, (await _host.App.Services.GetRequiredService<RetentionSweep>().SweepAsync(CancellationToken.None)).KeysShredded);
    }

    [Fact]
    public async Task TheRetentionSweepPurgesWhatThePolicyNoLongerKeepsAndAuditsEachPurgeWithItsCount()
    {
        var (old, _, first, _) = await PatientWithAReadingAsync();
        var (recent, _, second, _) = await PatientWithAReadingAsync();
        first.Dispose();
        second.Dispose();
        var (stale, fresh) = ($"OLD-{Guid.NewGuid():N}"[..20], $"NEW-{Guid.NewGuid():N}"[..20]);
        await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(stale, 10)));
        await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(fresh, 10)));
        await _host.QueryAsync(async db =>
        {
            foreach (var d in await db.DeadLetters.Where(d => d.DeviceId == stale).ToListAsync()) d.ReceivedAt -= TimeSpan.FromDays(31);
            return await db.SaveChangesAsync();
        });
        await AgeReadingsAsync(old, TimeSpan.FromDays(8001));
        var (letters, readings) = (await _host.QueryAsync(db => db.DeadLetters.CountAsync(d => d.DeviceId == stale)),
            await _host.QueryAsync(db => db.Observations.CountAsync(o => o.PatientId == old)));
        Assert.True(letters >= 1 && readings >= 1);

        // The sweep's own timer, one period on the fake clock: what is older than the policy goes, the rest stays.
        _time.Advance(TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(async () => (await AuditAsync()).Count(e => e.Action == AuditActions.RetentionPurged) == 2, "the two purges");
        Assert.False(await _host.QueryAsync(db => db.DeadLetters.AnyAsync(d => d.DeviceId == stale)));
        Assert.True(await _host.QueryAsync(db => db.DeadLetters.AnyAsync(d => d.DeviceId == fresh)));
        Assert.False(await _host.QueryAsync(db => db.Observations.AnyAsync(o => o.PatientId == old)));
        Assert.True(await _host.QueryAsync(db => db.Observations.AnyAsync(o => o.PatientId == recent)));
        // The minutes that listed the purged readings go after them; the recent patient's stay, so reads by type still find them.
        await Wait.UntilAsync(async () => !await _host.QueryAsync(db => db.ObservationMinutes.AnyAsync(m => m.PatientId == old)), "the purged readings' minutes forgotten");
        Assert.True(await _host.QueryAsync(db => db.ObservationMinutes.AnyAsync(m => m.PatientId == recent)));

        var purges = (await AuditAsync()).Where(e => e.Action == AuditActions.RetentionPurged).ToList();
        Assert.StartsWith($"{letters} purged", purges.Single(e => e.Target == "dead_letters").Detail, StringComparison.Ordinal);
        Assert.StartsWith($"{readings} purged", purges.Single(e => e.Target == "observations").Detail, StringComparison.Ordinal);
        Assert.Null(AuditChain.FirstBreak(await AuditAsync()));
    }
}

public sealed class SqliteRecordsTests() : RecordsTests(TestDatabase.SqliteAsync);

public sealed class PostgresRecordsTests() : RecordsTests(TestDatabase.PostgresAsync);
