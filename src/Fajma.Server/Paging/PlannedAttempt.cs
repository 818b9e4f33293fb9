using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Storage;

namespace Fajma.Server.Paging;

/// <summary>One page to send: its stored row, and where it goes (a browser's subscription, a phone, an address).</summary>
public sealed record PlannedAttempt(PageDelivery Row, PageRequest Request, string Title, WebPushSubscription? Subscription, string? Address)
{
    public PageDeliveryDto Dto => new(Row.Id, Row.AlertId, Row.UserId, null, Row.Channel, Row.Target, Row.Level, Row.Status, Row.Detail, Row.CreatedAt,
        Row.SentAt, Row.DeliveredAt, Row.ReadAt, Row.AcknowledgedAt, Row.FailedAt);
}
