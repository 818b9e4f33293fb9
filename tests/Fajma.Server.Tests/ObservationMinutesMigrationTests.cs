using Fajma.Server.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Fajma.Server.Tests;

/// <summary>
/// A store upgraded to the observations' minutes (reads by type go through them) must list the minutes of the history it
/// already held, or an upgraded node would answer "no blood pressure" for every reading taken before the upgrade.
/// </summary>
public sealed class ObservationMinutesMigrationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fajma-minutes-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task AStoreUpgradedFromBeforeTheMinutesListsTheMinutesOfItsHistoryAndOfNewReadings()
    {
        // Foreign keys off: the rows below stand alone, without the patients and messages they would belong to.
        await using var db = new SqliteFajmaDbContext(new DbContextOptionsBuilder<SqliteFajmaDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _file, ForeignKeys = false }.ToString()).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261203143245_SealedIdentity");
        var minute = 29_000_000L * 60_000; // 2025-02-20 06:40 UTC, in ms
        await InsertAsync(db, 1, 7, "heart_rate", minute + 1_000);
        await InsertAsync(db, 2, 7, "heart_rate", minute + 59_999);
        await InsertAsync(db, 3, 7, "blood_pressure", minute + 59_999);
        await InsertAsync(db, 4, 7, "heart_rate", minute + 60_000);
        await InsertAsync(db, 5, 8, "heart_rate", minute);

        await migrator.MigrateAsync();
        await InsertAsync(db, 6, 7, "spo2", minute + 125_000);

        var listed = await db.ObservationMinutes.OrderBy(m => m.PatientId).ThenBy(m => m.Start).ThenBy(m => m.Type)
            .Select(m => new { m.PatientId, m.Type, Start = m.Start.ToUnixTimeMilliseconds() }).ToListAsync();
        Assert.Equal(
            [new { PatientId = 7, Type = "blood_pressure", Start = minute }, new { PatientId = 7, Type = "heart_rate", Start = minute },
             new { PatientId = 7, Type = "heart_rate", Start = minute + 60_000 }, new { PatientId = 7, Type = "spo2", Start = minute + 120_000 },
             new { PatientId = 8, Type = "heart_rate", Start = minute }],
            listed);
    }

    private static Task<int> InsertAsync(DbContext db, long id, int patientId, string type, long measuredAtMs) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO observations (id, message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source)
            VALUES ({id}, {id}, {patientId}, 'DEV-1', {type}, 'x', 'x', x'00', {measuredAtMs}, {measuredAtMs}, 'device')
            """);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(path);
    }
}
