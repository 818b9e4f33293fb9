using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file on a connection and thread of its own, every
/// <see cref="StorageOptions.CheckpointIntervalMs"/> while anything is committed. Left to SQLite, the copy (reading
/// the log back, writing the pages, syncing the file) runs inside whichever commit crosses 1,000 pages: on the ingest
/// writer, whose commits every acknowledgement waits for (docs/performance.md, issue 15). A PASSIVE checkpoint never
/// blocks that writer, and on two cores it runs beside it.
/// </summary>
public sealed partial class WalCheckpointer(IDbContextFactory<FajmaDbContext> store, IOptions<StorageOptions> options, TimeProvider time,
    ILogger<WalCheckpointer> logger) : BackgroundService
{
    /// <summary>
    /// The writer's own automatic checkpoint while this runs: far enough that it never fires while the checkpointer keeps
    /// up, near enough to bound the log (40 MB) if the checkpointer stops.
    /// </summary>
    public const int WriterFallbackPages = 10_000;

    private long _commits;
    private long _copied;

    /// <summary>SQLite, with an interval: the writer leaves checkpoints to this service.</summary>
    public bool Enabled => options.Value.Provider == StorageProvider.Sqlite && options.Value.CheckpointIntervalMs > 0;

    /// <summary>Commits the writer reported.</summary>
    public long Commits => Volatile.Read(ref _commits);

    /// <summary>Every commit up to this many is in the database file itself, not only in the log.</summary>
    public long CommitsCopied => Volatile.Read(ref _copied);

    /// <summary>The writer committed: there is log to copy at the next tick.</summary>
    public void Committed() => Interlocked.Increment(ref _commits);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        await using var db = store.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenStoreConnectionAsync(stoppingToken);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.CheckpointIntervalMs), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var commits = Commits;
                if (commits == _copied) continue; // nothing new: an idle server does nothing here
                try
                {
                    // One row: busy (0/1), frames in the log, frames copied into the database so far. A reader still on an
                    // older snapshot can hold part of the log back: then the next tick copies the rest.
                    await using var result = await checkpoint.ExecuteReaderAsync(stoppingToken);
                    if (await result.ReadAsync(stoppingToken) && result.GetInt64(0) == 0 && result.GetInt64(1) == result.GetInt64(2))
                        Volatile.Write(ref _copied, commits);
                }
                catch (SqliteException e)
                {
                    LogCheckpointFailed(e); // the next tick tries again; past WriterFallbackPages the writer copies it itself
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: SQLite checkpoints when the last connection closes.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying the write-ahead log into the database failed; trying again at the next interval")]
    private partial void LogCheckpointFailed(Exception e);
}
