using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Observations.Commit;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>One group commit's statements, on each provider: which messages are new, their ids, and results in batch order.</summary>
public abstract class GroupCommitStoreTests(FajmaHost host)
{
    private static ReadingWrite Write(string deviceId, int patientId, string key, DateTimeOffset at) => ReadingWrite.Create(
        new DeviceReading(WireFormat.Standard, deviceId, key, "VITALS", at, null, null,
            [new Measurement(VitalSignType.HeartRate, 70), new Measurement(VitalSignType.HeartRate, 71, MeasuredAt: at.AddSeconds(-1))],
            new DeviceStatusReport(BatteryLevel: 42, SignalStrength: null, LastCalibration: null), null),
        patientId, "http", at, new byte[32]);

    [Fact]
    public async Task RedeliveriesInTheSameOrAnEarlierBatchAreDuplicatesAndStoreNothing()
    {
        var (patientId, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var at = DateTimeOffset.UtcNow;
        var letter = new DeadLetter { ReceivedAt = at, Transport = "http", Source = "test", Reason = "bad", Fields = "x", Sealed = [1, 2] };
        await using var scope = host.App.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<FajmaDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var statements = await GroupCommitWriter.StatementsForAsync(connection, CancellationToken.None);

        var earlier = await CommitAsync(statements, connection, [new(Write(deviceId, patientId, "old", at), null)]);
        var results = await CommitAsync(statements, connection,
        [
            new(Write(deviceId, patientId, "a", at), null), new(Write(deviceId, patientId, "a", at), null),
            new(Write(deviceId, patientId, "old", at), null), new(null, letter), new(Write(deviceId, patientId, "b", at), null),
        ]);

        Assert.Equal([false, true, true, false], results.Where(r => r is not null).Select(r => r!.Duplicate));
        Assert.Null(results[3]);
        var stored = await host.QueryAsync(db => db.Observations.Where(o => o.DeviceId == deviceId)
            .Select(o => new { o.Id, o.MessageId, o.MeasuredAt }).ToListAsync());
        var rows = stored.Select(o => (o.Id, o.MessageId, At: o.MeasuredAt.ToUnixTimeMilliseconds()));
        var reported = new[] { earlier[0]!, results[0]!, results[4]! }
            .SelectMany(r => r.Observations.Select(o => (o.Row.Id, r.MessageId, At: o.Row.MeasuredAt.ToUnixTimeMilliseconds())));
        Assert.Equal(rows.OrderBy(o => o.Id), reported.OrderBy(o => o.Id));
        Assert.Equal(6, stored.Count);
        Assert.Equal(3, await host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
        Assert.Equal(42, await host.QueryAsync(db => db.Devices.Where(d => d.Id == deviceId).Select(d => d.BatteryLevel).SingleAsync()));
        Assert.Equal(1, await host.QueryAsync(db => db.DeadLetters.CountAsync(d => d.Source == "test" && d.ReceivedAt == at)));
    }

    [Fact]
    public async Task AFailingWriteFailsAloneAndItsNeighboursAreStored()
    {
        var (patientId, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var writer = host.App.Services.GetRequiredService<GroupCommitWriter>();
        var at = DateTimeOffset.UtcNow;
        // No such patient: the observations' foreign key fails the whole group commit it lands in.
        var culprit = writer.WriteAsync(Write(deviceId, int.MaxValue, "culprit", at), CancellationToken.None);
        var neighbours = Enumerable.Range(0, 20).Select(i => writer.WriteAsync(Write(deviceId, patientId, $"n{i}", at), CancellationToken.None)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => culprit);
        Assert.All(await Task.WhenAll(neighbours), r => Assert.False(r.Duplicate));
        Assert.Equal(20, await host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
        Assert.Equal(40, await host.QueryAsync(db => db.Observations.CountAsync(o => o.DeviceId == deviceId)));
    }

    private static async Task<ReadingWriteResult?[]> CommitAsync(IBatchStatements statements, System.Data.Common.DbConnection connection, BatchItem[] batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var results = await statements.WriteAsync(transaction, batch, CancellationToken.None);
        await transaction.CommitAsync();
        return results;
    }
}

public sealed class SqliteGroupCommitStoreTests(SqliteHostFixture fixture) : GroupCommitStoreTests(fixture.Host), IClassFixture<SqliteHostFixture>;

public sealed class PostgresGroupCommitStoreTests(PostgresHostFixture fixture) : GroupCommitStoreTests(fixture.Host), IClassFixture<PostgresHostFixture>;
