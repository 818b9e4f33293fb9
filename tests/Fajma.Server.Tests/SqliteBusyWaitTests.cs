using Fajma.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Fajma.Server.Tests;

/// <summary>
/// A store connection that meets another writer's lock waits through the store's own wait (short tries, not SQLite's
/// growing sleeps) and writes once the lock is released. Two real connections to one WAL file.
/// </summary>
public sealed class SqliteBusyWaitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fajma-busy-").FullName;
    private readonly SqliteConnection _holder;

    public SqliteBusyWaitTests()
    {
        _holder = new SqliteConnection(ConnectionString);
        _holder.Open();
        using var create = _holder.CreateCommand();
        create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER);";
        create.ExecuteNonQuery();
    }

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "store.db")};Pooling=False";

    [Fact]
    public async Task AWriterMeetingAnotherWritersLockWaitsThroughTheStoresWaitAndWritesOnceItIsReleased()
    {
        await using var writer = new SqliteConnection(ConnectionString);
        await writer.OpenStoreConnectionAsync(CancellationToken.None);
        var held = (SqliteTransaction)await _holder.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock, now
        await Insert(_holder, 1);
        var waitsBefore = SqliteBusyWait.Waits;

        var write = Task.Run(() => Insert(writer, 2));
        // Released only once the writer has tried again through the store's wait: SQLite's own would not count here.
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(4)))
            while (SqliteBusyWait.Waits - waitsBefore < 6) await Task.Delay(5, deadline.Token);
        Assert.False(write.IsCompleted); // still waiting, not refused
        await held.CommitAsync();

        await write.WaitAsync(TimeSpan.FromSeconds(10));
        await using var count = _holder.CreateCommand();
        count.CommandText = "SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)";
        Assert.Equal("1,2", await count.ExecuteScalarAsync());
    }

    private static async Task Insert(SqliteConnection connection, int value)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (x) VALUES ($x)";
        insert.Parameters.AddWithValue("$x", value);
        await insert.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        _holder.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
