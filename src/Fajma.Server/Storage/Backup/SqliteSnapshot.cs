using Microsoft.Data.Sqlite;

namespace Fajma.Server.Storage.Backup;

/// <summary>
/// SQLite: the online backup API copies the database page by page into a private temporary file beside it (a consistent
/// snapshot while the server writes), which is then streamed out and deleted. A restore writes a temporary file, checks it,
/// and renames it into place: the store is never half-written.
/// </summary>
internal sealed class SqliteSnapshot(string connectionString) : IStoreSnapshot
{
    private string DatabasePath { get; } = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    private static string Private(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;

    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (!File.Exists(DatabasePath)) throw new BackupException($"no SQLite store at {DatabasePath}");
        var copy = DatabasePath + ".backup-" + Guid.NewGuid().ToString("N")[..8];
        PrivateFile.Create(copy).Dispose(); // an empty file is an empty database, and its mode is set before SQLite writes a byte
        try
        {
            await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ConnectionString))
            await using (var target = new SqliteConnection(Private(copy)))
            {
                await source.OpenAsync(cancellationToken);
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
                // One self-contained file: the copy takes the live store's WAL mode, which would leave its last pages in a -wal file.
                await using var command = target.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var file = new FileStream(copy, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.SequentialScan);
            await file.CopyToAsync(destination, cancellationToken);
        }
        finally
        {
            DeleteWithSidecars(copy);
        }
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(DatabasePath) || new FileInfo(DatabasePath).Length == 0) return true;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(Private(DatabasePath)) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        DeleteWithSidecars(DatabasePath);
        return Task.CompletedTask;
    }

    public async Task RestoreFromAsync(Stream source, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var incoming = DatabasePath + ".restoring";
        DeleteWithSidecars(incoming);
        try
        {
            await using (var file = PrivateFile.Create(incoming))
                await source.CopyToAsync(file, cancellationToken);
            await using (var connection = new SqliteConnection(Private(incoming)))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA quick_check;";
                if (await command.ExecuteScalarAsync(cancellationToken) is not "ok") throw new BackupException("the restored SQLite file fails its quick_check");
            }
            // A stale -wal beside the target would be replayed into the restored file: the target is empty (or forced), so none is kept.
            SqliteConnection.ClearAllPools();
            DeleteWithSidecars(DatabasePath);
            File.Move(incoming, DatabasePath);
        }
        finally
        {
            DeleteWithSidecars(incoming);
        }
    }

    private static void DeleteWithSidecars(string path)
    {
        foreach (var file in (string[])[path, path + "-wal", path + "-shm", path + "-journal"])
            File.Delete(file);
    }
}
