using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Observations.Commit;

/// <summary>
/// The one writer of ingested data. Callers enqueue and await; the writer takes everything that queued
/// up while the previous commit ran, writes it in one transaction, and completes each caller only after
/// that commit. So a device is acknowledged only once its message is durable, and throughput comes from
/// many devices sharing each commit (group commit), not from acknowledging early.
/// </summary>
public sealed partial class GroupCommitWriter(
    IDbContextFactory<FajmaDbContext> store,
    IOptions<StorageOptions> options,
    WriterStatistics statistics,
    WalCheckpointer checkpointer,
    ILogger<GroupCommitWriter> logger) : BackgroundService
{
    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly int _maxBatch = Math.Max(1, options.Value.MaxBatchMessages);

    /// <summary>Size of the last commit and the time it took, for the benchmark and metrics.</summary>
    public WriterStatistics Statistics { get; } = statistics;

    public async Task<ReadingWriteResult> WriteAsync(ReadingWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, null);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return (await pending.Completion.Task)!;
    }

    public async Task WriteDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(null, deadLetter);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Completion.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = store.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenStoreConnectionAsync(stoppingToken);
        if (connection.IsSqlite())
            // temp_store=MEMORY: a group commit's statements change many pages, and SQLite keeps a statement's undo record
            // (its sub-journal) in memory only up to 64 KiB unless temporary storage is memory — past that, a third of this
            // writer's pwrite calls went to an unlinked temporary file (docs/performance.md, issue 15, sixth session).
            // cache_size 16 MiB (SQLite's default is 2): at saturation the writer re-read index pages it had evicted on every
            // commit; with room for them it took 6–20 % more readings a second for 17–22 MB more resident (issue 15, thirteenth session).
            await ExecuteAsync(connection,
                $"PRAGMA synchronous={options.Value.SqliteSynchronous}; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384;", stoppingToken);
        // The log is copied back into the database beside this writer, not inside its commits (WalCheckpointer).
        if (connection.IsSqlite() && checkpointer.Enabled)
            await ExecuteAsync(connection, $"PRAGMA wal_autocheckpoint={WalCheckpointer.WriterFallbackPages};", stoppingToken);
        var commands = await StatementsForAsync(connection, stoppingToken);
        var batch = new List<PendingWrite>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    // The database server went away (a restart): this connection is broken for good. Open a new one, with
                    // new statements (prepared statements belong to a connection), or fail this batch and try at the next.
                    try
                    {
                        commands = await ReopenAsync(connection, commands, stoppingToken);
                    }
                    catch (Exception e) when (e is DbException or InvalidOperationException or IOException or TimeoutException)
                    {
                        LogWriteFailed(e);
                        foreach (var item in batch) item.Completion.TrySetException(e);
                        continue;
                    }
                }
                await CommitAsync(connection, commands, batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued was never acknowledged; devices resend it.
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left)) left.Completion.TrySetCanceled(CancellationToken.None);
            await commands.DisposeAsync();
        }
    }

    private static async Task<IBatchStatements> ReopenAsync(DbConnection connection, IBatchStatements commands, CancellationToken ct)
    {
        try
        {
            await commands.DisposeAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            // Statements of a broken connection: nothing to release on the server.
        }
        await connection.CloseAsync();
        await connection.OpenStoreConnectionAsync(ct);
        return await StatementsForAsync(connection, ct);
    }

    /// <summary>The fastest statements the provider allows: whole-batch ones for SQLite and PostgreSQL.</summary>
    internal static async Task<IBatchStatements> StatementsForAsync(DbConnection connection, CancellationToken ct) => connection switch
    {
        _ when connection.IsSqlite() => await SqliteBatchStatements.CreateAsync(connection, ct),
        Npgsql.NpgsqlConnection postgres => new PostgresBatchStatements(postgres),
        _ => new PortableBatchStatements(connection),
    };

    private async Task CommitAsync(DbConnection connection, IBatchStatements commands, List<PendingWrite> batch, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var results = await WriteInTransactionAsync(connection, commands, batch, ct);
            checkpointer.Committed();
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
            Statistics.Record(batch.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is DbException or InvalidOperationException && batch.Count > 1)
        {
            // One bad row must not fail its neighbours: retry each alone, so only the culprit fails.
            LogBatchRetry(e, batch.Count);
            foreach (var item in batch)
            {
                await CommitAsync(connection, commands, [item], ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogWriteFailed(e);
            foreach (var item in batch) item.Completion.TrySetException(e);
        }
    }

    private static async Task<ReadingWriteResult?[]> WriteInTransactionAsync(
        DbConnection connection, IBatchStatements commands, List<PendingWrite> batch, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var results = await commands.WriteAsync(transaction, batch.Select(b => new BatchItem(b.Reading, b.DeadLetter)).ToList(), ct);
        await transaction.CommitAsync(ct);
        return results;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public override void Dispose()
    {
        _queue.Writer.TryComplete();
        base.Dispose();
    }

    private sealed record PendingWrite(ReadingWrite? Reading, DeadLetter? DeadLetter)
    {
        public TaskCompletionSource<ReadingWriteResult?> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} writes failed; retrying them one by one")]
    private partial void LogBatchRetry(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write failed; its senders get an error and will resend")]
    private partial void LogWriteFailed(Exception e);
}
