namespace Fajma.Server.Paging.Push;

/// <summary>
/// What the service worker receives, encrypted for that browser alone (RFC 8291): enough to show the notification and to
/// report on it — <see cref="ReceiptUrl"/> with <see cref="Token"/> — with no session and no tab open.
/// </summary>
public sealed record PushPayload(Guid DeliveryId, Guid AlertId, string Severity, string Title, string Body, string Url, string ReceiptUrl, string Token,
    bool Test, bool CanAcknowledge);
