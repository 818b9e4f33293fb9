namespace Fajma.Server.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default, embedded) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Provider connection string; for SQLite, defaults to <c>{DataDirectory}/fajma.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// SQLite <c>synchronous</c> level for the ingest writer. FULL (default) syncs the WAL at every
    /// group commit, so an acknowledged message survives power loss, not only a process kill.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "FULL";

    /// <summary>The writer commits when this many messages are pending, or when the queue drains.</summary>
    public int MaxBatchMessages { get; set; } = 2048;

    /// <summary>Messages waiting for the writer beyond which new ones wait (back-pressure to devices).</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>
    /// SQLite: how often the write-ahead log is copied back into the database file, on a connection of its own
    /// (<see cref="WalCheckpointer"/>); 0 leaves it to SQLite's automatic checkpoint on the writer's own commits.
    /// </summary>
    public int CheckpointIntervalMs { get; set; } = 100;

    public string ResolveConnectionString() => ConnectionString ?? Provider switch
    {
        StorageProvider.Sqlite => $"Data Source={Path.Combine(DataDirectory, "fajma.db")};Pooling=True",
        _ => throw new InvalidOperationException("Storage:ConnectionString is required for PostgreSQL"),
    };
}
