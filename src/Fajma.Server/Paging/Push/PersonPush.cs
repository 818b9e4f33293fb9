using Fajma.Core.Paging;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Paging.Push;

/// <summary>
/// A push that is no alert page — a patient's nudge, a visit reminder — to every browser of the people named, each in the
/// language it subscribed with. Each push is a delivery with its receipts like a page (<see cref="PageDelivery"/>), its
/// subject the nudge's or reminder's id where a page's is the alert's, at level 0: no escalation ladder ever reads it.
/// </summary>
public sealed class PersonPush(IDbContextFactory<FajmaDbContext> store, WebPushSender push, PageDeliveries deliveries, ReceiptTokens tokens, TimeProvider time)
{
    /// <summary>What one push says, written for one language (null: unknown, so English).</summary>
    public delegate (string Title, string Body) Text(string? language);

    /// <param name="kind">The payload's severity, which the service worker shows as is: <c>nudge</c>, <c>visit</c>.</param>
    /// <param name="close">The subject is over: the notification it tagged is replaced, quietly.</param>
    /// <returns>True when at least one push service took it.</returns>
    public async Task<bool> SendAsync(IReadOnlyCollection<int> people, Guid subject, string kind, Text text, string url, bool urgent, bool close,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var browsers = await db.PushSubscriptions.AsNoTracking().Where(s => people.Contains(s.UserId)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var any = false;
        foreach (var browser in browsers)
        {
            var now = time.GetUtcNow();
            var row = new PageDelivery
            {
                Id = Guid.CreateVersion7(now), AlertId = subject, UserId = browser.UserId, Channel = "push",
                Target = PushEndpointPolicy.HostOf(browser.Endpoint), Level = 0,
                Status = DeliveryReceipts.Name(DeliveryStatus.Queued), CreatedAt = now,
            };
            await deliveries.AddAsync([row], cancellationToken);
            var (title, body) = text(browser.Language);
            var payload = new PushPayload(row.Id, subject, kind, title, body, url, $"/api/v1/paging/receipts/{row.Id}", tokens.For(row.Id),
                Test: false, CanAcknowledge: false, Close: close);
            try
            {
                await push.SendAsync(browser, payload, urgent, cancellationToken);
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
