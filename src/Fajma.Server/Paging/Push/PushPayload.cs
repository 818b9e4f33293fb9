namespace Fajma.Server.Paging.Push;

/// <summary>
/// What the service worker receives, encrypted for that browser alone (RFC 8291): enough to show the notification and to
/// report on it — <see cref="ReceiptUrl"/> with <see cref="Token"/> — with no session and no tab open. A patient's nudge
/// carries the nudge's id as <see cref="AlertId"/> (the notification's tag) and severity <c>nudge</c>; <see cref="Close"/>:
/// the nudge was put right, so the notification it tagged is replaced by a quiet one.
/// </summary>
public sealed record PushPayload(Guid DeliveryId, Guid AlertId, string Severity, string Title, string Body, string Url, string ReceiptUrl, string Token,
    bool Test, bool CanAcknowledge, bool Close = false);
