using System.Threading.Channels;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Privacy;

/// <summary>
/// The one writer of the audit trail. Callers await <see cref="RecordAsync"/>, which returns once the
/// entry is committed: an access that cannot be audited fails rather than happening unseen. Entries
/// get consecutive ids and chained hashes in the order they are written: one writer per node, and on PostgreSQL a
/// transaction-scoped advisory lock so the nodes of a cluster append one after the other to the one chain.
/// </summary>
public sealed partial class AuditLog(IDbContextFactory<FajmaDbContext> store, TimeProvider time, ILogger<AuditLog> logger) : BackgroundService
{
    private readonly Channel<(AuditRecord Record, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(AuditRecord, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((record, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// For the few callers that cannot wait (a TLS handshake callback is synchronous): queued in order with
    /// the rest, not awaited. The refusal it records has already happened, so nothing waits on the audit.
    /// </summary>
    public void RecordInBackground(AuditRecord record) =>
        _queue.Writer.TryWrite((record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = store.CreateDbContext();
        var batch = new List<(AuditRecord Record, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < 500 && _queue.Reader.TryRead(out var item)) batch.Add(item);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await AppendAsync(db, batch, stoppingToken);
                    foreach (var (_, done) in batch) done.TrySetResult();
                    break;
                }
                catch (DbUpdateException e) when (attempt < 3)
                {
                    // Another writer (an operator's `fajma devices` command) may have appended: chain onto its entries.
                    LogAuditRetry(e);
                    db.ChangeTracker.Clear();
                }
                catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
                {
                    // Also the store unreachable or refusing connections (NpgsqlException, EF's "transient failure"
                    // InvalidOperationException): fail this batch's callers, but keep the writer (and the host) alive.
                    LogAuditFailed(e);
                    db.ChangeTracker.Clear();
                    foreach (var (_, done) in batch) done.TrySetException(e);
                    break;
                }
            }
        }
    }

    private static async Task<(long Id, string Hash)> ReadTailAsync(FajmaDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        return (last?.Id ?? 0, last?.Hash ?? AuditChain.Genesis);
    }

    /// <summary>Any number; the same on every node. Held for one append's transaction.</summary>
    private const long ChainLock = 0x66616a6d61; // "fajma"

    private async Task AppendAsync(FajmaDbContext db, List<(AuditRecord Record, TaskCompletionSource Done)> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db is PostgresFajmaDbContext) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLock})", cancellationToken);
        var (id, hash) = await ReadTailAsync(db, cancellationToken);
        foreach (var (r, _) in batch)
        {
            var entry = new AuditEntry
            {
                Id = ++id, At = time.GetUtcNow(), ActorId = r.ActorId, ActorRole = r.ActorRole, Action = r.Action,
                PatientId = r.PatientId, Target = Truncate(r.Target), Source = Truncate(r.Source), Detail = Truncate(r.Detail),
                PreviousHash = hash, Hash = "",
            };
            entry.Hash = hash = AuditChain.Hash(entry.PreviousHash, entry);
            db.AuditEntries.Add(entry);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static string? Truncate(string? text) => text is { Length: > 500 } ? text[..500] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit entries collided with another writer; re-reading the chain's end")]
    private partial void LogAuditRetry(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entries could not be written; the audited actions were refused")]
    private partial void LogAuditFailed(Exception e);
}
