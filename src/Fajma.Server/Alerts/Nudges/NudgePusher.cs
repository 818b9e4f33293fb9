using Fajma.Core.Paging;
using Fajma.Server.Identity;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Paging.Push;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts.Nudges;

/// <summary>
/// Pushes a nudge to every browser the patient subscribed, each in its own language. Each push is a delivery with its
/// receipts like a page (<see cref="PageDelivery"/>), its subject the nudge's id where a page's is the alert's — so the
/// service worker reports on it with the same token — at level 0: no escalation ladder ever reads it.
/// </summary>
public sealed class NudgePusher(IDbContextFactory<FajmaDbContext> store, WebPushSender push, PageDeliveries deliveries, ReceiptTokens tokens, TimeProvider time)
{
    /// <summary>True when at least one push service took it.</summary>
    public async Task<bool> PushAsync(Nudge nudge, bool cleared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var deviceType = await db.Devices.Where(d => d.Id == nudge.DeviceId).Select(d => d.Type).FirstOrDefaultAsync(cancellationToken) ?? "";
        var browsers = await db.PushSubscriptions.AsNoTracking()
            .Where(s => db.Users.Any(u => u.Id == s.UserId && u.Role == Roles.Patient && u.PatientId == nudge.PatientId))
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var any = false;
        foreach (var browser in browsers)
        {
            var now = time.GetUtcNow();
            var row = new PageDelivery
            {
                Id = Guid.CreateVersion7(now), AlertId = nudge.Id, UserId = browser.UserId, Channel = "push",
                Target = Uri.TryCreate(browser.Endpoint, UriKind.Absolute, out var uri) ? uri.Host : "?", Level = 0,
                Status = DeliveryReceipts.Name(DeliveryStatus.Queued), CreatedAt = now,
            };
            await deliveries.AddAsync([row], cancellationToken);
            var text = NudgeText.For(nudge.Kind, browser.Language, deviceType, nudge.Battery, cleared);
            var payload = new PushPayload(row.Id, nudge.Id, "nudge", text.Title, text.Body, "/", $"/api/v1/paging/receipts/{row.Id}", tokens.For(row.Id),
                Test: false, CanAcknowledge: false, Close: cleared);
            try
            {
                await push.SendAsync(browser, payload, urgent: !cleared, cancellationToken);
                await deliveries.ApplyAsync(row.Id, DeliveryStatus.Sent, null, cancellationToken);
                any = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await deliveries.ApplyAsync(row.Id, DeliveryStatus.Failed, e.Message, cancellationToken);
            }
        }
        return any;
    }
}
