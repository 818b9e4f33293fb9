using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Server.Observations.Commit;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Fajma.Server.Tests;

/// <summary>SQLite's write-ahead log is copied into the database file beside the ingest writer, not inside its commits.</summary>
public sealed class WalCheckpointerTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private FajmaHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        _host = await FajmaHost.StartAsync(_database);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WhatTheWriterCommitsReachesTheDatabaseFileItselfWithinMoments()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var writer = _host.App.Services.GetRequiredService<GroupCommitWriter>();
        var checkpointer = _host.App.Services.GetRequiredService<WalCheckpointer>();
        var at = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => writer.WriteAsync(ReadingWrite.Create(
            new DeviceReading(WireFormat.Standard, deviceId, $"m{i}", "VITALS", at, null, null, [new Measurement(VitalSignType.HeartRate, 60 + i)], null, null),
            patientId, "http", at, new byte[32]), CancellationToken.None)));
        var committed = checkpointer.Commits;
        await Wait.UntilAsync(() => Task.FromResult(checkpointer.CommitsCopied >= committed), "checkpoint of the writer's commits");

        // The database file alone, without its log beside it, holds every message: SQLite's own checkpoint on the writer
        // would have waited for 10,000 pages of log.
        var copy = Path.Combine(Directory.CreateTempSubdirectory("fajma-checkpoint-").FullName, "fajma.db");
        File.Copy(Path.Combine(_database.Directory, "fajma.db"), copy);
        await using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM ingested_messages WHERE device_id = $device";
        count.Parameters.AddWithValue("$device", deviceId);
        Assert.Equal(50L, (long)(await count.ExecuteScalarAsync())!);
        Assert.True(checkpointer.Enabled);
    }
}
