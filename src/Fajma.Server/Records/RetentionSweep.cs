using Fajma.Core.Records;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Records;

/// <summary>
/// Purges what the configured policy no longer keeps (readings, dead letters, chat) and finishes any erasure's shred. Each purge
/// that removed rows is audited with its count. Every step is a DELETE of rows older than a cut-off, so two nodes sweeping at
/// once each delete what the other has not: nothing twice, nothing missed, and each audits its own count.
/// </summary>
public sealed partial class RetentionSweep(IDbContextFactory<FajmaDbContext> store, Erasure erasure, AuditLog audit, TimeProvider time,
    IOptions<RecordsOptions> options, ILogger<RetentionSweep> logger) : BackgroundService
{
    /// <summary>Rows deleted per statement: a long purge never holds one huge transaction.</summary>
    private const int Batch = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e); // the store away for a moment: the next tick tries again
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; returns the rows purged per kind (for tests and the log).</summary>
    public async Task<RetentionCounts> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var counts = new RetentionCounts(
            await PurgeAsync("observations", RetentionCutoff.Before(now, o.Observations),
                (db, before) => db.Observations.Where(x => x.MeasuredAt < before).OrderBy(x => x.Id).Select(x => x.Id),
                (db, ids) => db.Observations.Where(x => ids.Contains(x.Id)), cancellationToken),
            await PurgeAsync("dead_letters", RetentionCutoff.Before(now, o.DeadLetters),
                (db, before) => db.DeadLetters.Where(x => x.ReceivedAt < before).OrderBy(x => x.Id).Select(x => x.Id),
                (db, ids) => db.DeadLetters.Where(x => ids.Contains(x.Id)), cancellationToken),
            await PurgeAsync("chat_messages", RetentionCutoff.Before(now, o.ChatMessages),
                (db, before) => db.ChatMessages.Where(x => x.SentAt < before).OrderBy(x => x.Id).Select(x => x.Id),
                (db, ids) => db.ChatMessages.Where(x => ids.Contains(x.Id)), cancellationToken),
            await erasure.FinishShredsAsync(cancellationToken));
        if (RetentionCutoff.Before(now, o.Observations) is { } readings) await ForgetMinutesBeforeAsync(readings, cancellationToken);
        return counts;
    }

    /// <summary>The minutes that listed where the purged readings were (<see cref="ObservationMinute"/>): nothing is left in them.</summary>
    private async Task ForgetMinutesBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var wholeMinuteBefore = cutoff.AddMinutes(-1);
        await using var db = store.CreateDbContext();
        await db.ObservationMinutes.Where(m => m.Start < wholeMinuteBefore).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<long> PurgeAsync<T>(string what, DateTimeOffset? before, Func<FajmaDbContext, DateTimeOffset, IQueryable<long>> old,
        Func<FajmaDbContext, List<long>, IQueryable<T>> rows, CancellationToken cancellationToken) where T : class
    {
        if (before is not { } cutoff) return 0;
        long total = 0;
        await using var db = store.CreateDbContext();
        while (true)
        {
            var ids = await old(db, cutoff).Take(Batch).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            total += await rows(db, ids).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < Batch) break;
        }
        if (total > 0)
            await audit.RecordAsync(new AuditRecord(AuditActions.RetentionPurged, null, "system", null, what, "retention",
                $"{total} purged, older than {cutoff:yyyy-MM-ddTHH:mm:ssZ}"), cancellationToken);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention sweep failed; it runs again at the next tick")]
    private partial void LogSweepFailed(Exception e);
}
