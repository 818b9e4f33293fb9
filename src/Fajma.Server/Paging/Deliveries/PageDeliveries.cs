using Fajma.Core.Paging;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Paging.Deliveries;

/// <summary>The delivery receipts in the store: every attempt is written before it is sent, and each receipt moves it forward once.</summary>
public sealed class PageDeliveries(IDbContextFactory<FajmaDbContext> store, TimeProvider time)
{
    public async Task AddAsync(IReadOnlyCollection<PageDelivery> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0) return;
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        db.PageDeliveries.AddRange(attempts);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Applies a receipt; null when the delivery does not exist, else the row and whether it changed.</summary>
    public async Task<(PageDelivery Row, bool Changed)?> ApplyAsync(Guid id, DeliveryStatus receipt, string? detail, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        // Two receipts for one page may race (the push service's answer and the service worker's): retried on a lost update.
        for (var attempt = 0; ; attempt++)
        {
            if (await db.PageDeliveries.FindAsync([id], cancellationToken) is not { } row) return null;
            var current = Enum.Parse<DeliveryStatus>(row.Status, ignoreCase: true);
            if (DeliveryReceipts.Apply(current, receipt) is not { } next) return (row, false);
            var now = time.GetUtcNow();
            var original = row.Status;
            row.Status = DeliveryReceipts.Name(next);
            // A later receipt vouches for the earlier steps whose own receipts lost the race (another node, a slow request):
            // an acknowledgement from the notification means it was sent and delivered.
            if (next is >= DeliveryStatus.Sent and < DeliveryStatus.Failed) row.SentAt ??= now;
            if (next is >= DeliveryStatus.Delivered and < DeliveryStatus.Failed) row.DeliveredAt ??= now;
            switch (next)
            {
                case DeliveryStatus.Read: row.ReadAt ??= now; break;
                case DeliveryStatus.Acknowledged: row.AcknowledgedAt ??= now; break;
                case DeliveryStatus.Failed: row.FailedAt ??= now; break;
            }
            if (detail is not null) row.Detail = detail.Length > 500 ? detail[..500] : detail;
            var updated = await db.PageDeliveries.Where(d => d.Id == id && d.Status == original).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, row.Status).SetProperty(d => d.SentAt, row.SentAt).SetProperty(d => d.DeliveredAt, row.DeliveredAt)
                .SetProperty(d => d.ReadAt, row.ReadAt).SetProperty(d => d.AcknowledgedAt, row.AcknowledgedAt).SetProperty(d => d.FailedAt, row.FailedAt)
                .SetProperty(d => d.Detail, row.Detail).SetProperty(d => d.ProviderId, row.ProviderId), cancellationToken);
            if (updated == 1 || attempt == 5) return (row, updated == 1);
            db.ChangeTracker.Clear();
        }
    }

    public async Task SetProviderIdAsync(Guid id, string providerId, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        await db.PageDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ProviderId, providerId), cancellationToken);
    }

    /// <summary>An alert's pages, oldest first, for the people <paramref name="visibleTo"/> allows (null: everyone's).</summary>
    public async Task<List<PageDeliveryDto>> ListAsync(Guid alertId, int? visibleTo, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        return await db.PageDeliveries.AsNoTracking()
            .Where(d => d.AlertId == alertId && (visibleTo == null || d.UserId == visibleTo))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Channel)
            .Join(db.Users, d => d.UserId, u => u.Id, (d, u) => new PageDeliveryDto(d.Id, d.AlertId, d.UserId, u.DisplayName, d.Channel, d.Target, d.Level,
                d.Status, d.Detail, d.CreatedAt, d.SentAt, d.DeliveredAt, d.ReadAt, d.AcknowledgedAt, d.FailedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the pages of one escalation level reached anyone: null when none was attempted (nothing to judge — the
    /// ladder alone decides), else when the first went out and whether any was delivered, read or acknowledged.
    /// </summary>
    public async Task<(DateTimeOffset FirstAt, bool Reached)?> LevelOutcomeAsync(Guid alertId, int level, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var rows = await db.PageDeliveries.AsNoTracking().Where(d => d.AlertId == alertId && d.Level == level)
            .Select(d => new { d.CreatedAt, d.Status }).ToListAsync(cancellationToken);
        if (rows.Count == 0) return null;
        return (rows.Min(r => r.CreatedAt), rows.Any(r => DeliveryReceipts.Reached(Enum.Parse<DeliveryStatus>(r.Status, ignoreCase: true))));
    }
}
