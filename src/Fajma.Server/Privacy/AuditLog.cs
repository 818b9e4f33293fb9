using System.Threading.Channels;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Privacy;

/// <summary>
/// The one writer of the audit trail. Callers await <see cref="RecordAsync"/>, which returns once the
/// entry is committed: an access that cannot be audited fails rather than happening unseen. Entries
/// get consecutive ids and chained hashes in the order they are written (one writer per store).
/// </summary>
public sealed partial class AuditLog(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditLog> logger) : BackgroundService
{
    private readonly Channel<(AuditRecord Record, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(AuditRecord, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((record, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var last = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(stoppingToken);
        var (lastId, lastHash) = (last?.Id ?? 0, last?.Hash ?? AuditChain.Genesis);
        var batch = new List<(AuditRecord Record, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < 500 && _queue.Reader.TryRead(out var item)) batch.Add(item);
            var (id, hash) = (lastId, lastHash);
            var entries = new List<AuditEntry>(batch.Count);
            foreach (var (r, _) in batch)
            {
                var entry = new AuditEntry
                {
                    Id = ++id, At = time.GetUtcNow(), ActorId = r.ActorId, ActorRole = r.ActorRole, Action = r.Action,
                    PatientId = r.PatientId, Target = Truncate(r.Target), Source = Truncate(r.Source), Detail = Truncate(r.Detail),
                    PreviousHash = hash, Hash = "",
                };
                entry.Hash = hash = AuditChain.Hash(entry.PreviousHash, entry);
                entries.Add(entry);
            }
            try
            {
                db.AuditEntries.AddRange(entries);
                await db.SaveChangesAsync(stoppingToken);
                (lastId, lastHash) = (id, hash);
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (DbUpdateException e)
            {
                LogAuditFailed(e);
                db.ChangeTracker.Clear();
                foreach (var (_, done) in batch) done.TrySetException(e);
            }
            db.ChangeTracker.Clear();
        }
    }

    private static string? Truncate(string? text) => text is { Length: > 500 } ? text[..500] : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entries could not be written; the audited actions were refused")]
    private partial void LogAuditFailed(Exception e);
}
