using System.Net;
using System.Text.Json;
using Fajma.Server.Storage;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Paging.Push;

/// <summary>
/// Sends one push message through the browser's push service (Lib.Net.Http.WebPush: aes128gcm encryption, VAPID). A
/// subscription the push service says is gone (404/410) is deleted: the browser unsubscribed or the user cleared it.
/// The endpoint is checked again before each request, so a subscription stored under a looser policy is never used.
/// </summary>
public sealed class WebPushSender(IHttpClientFactory clients, VapidKeys keys, IOptions<PagingOptions> options, IDbContextFactory<FajmaDbContext> store)
{
    public async Task<string?> SendAsync(WebPushSubscription subscription, PushPayload payload, bool urgent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (PushEndpointPolicy.Refusal(subscription.Endpoint, options.Value.Push) is { } refusal) throw new InvalidOperationException($"endpoint refused: {refusal}");
        var client = new PushServiceClient(clients.CreateClient(nameof(WebPushSender)))
        {
            DefaultAuthentication = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = options.Value.Push.Subject },
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid, // RFC 8292 (the library's default is the older draft's WebPush scheme)
        };
        var target = new PushSubscription { Endpoint = subscription.Endpoint };
        target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        var message = new PushMessage(JsonSerializer.Serialize(payload, PagingJsonContext.Default.PushPayload))
        {
            Urgency = urgent ? PushMessageUrgency.High : PushMessageUrgency.Normal,
            TimeToLive = 3600,
            Topic = payload.AlertId.ToString("N")[..32], // a newer page about the same alert replaces one not yet delivered
        };
        try
        {
            await client.RequestPushMessageDeliveryAsync(target, message, cancellationToken);
            return null;
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            await using var db = await store.CreateDbContextAsync(cancellationToken);
            await db.PushSubscriptions.Where(s => s.Id == subscription.Id).ExecuteDeleteAsync(cancellationToken);
            throw new InvalidOperationException($"the push service no longer knows this browser ({(int)e.StatusCode}); its subscription was removed", e);
        }
    }
}
