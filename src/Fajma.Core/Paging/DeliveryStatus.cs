namespace Fajma.Core.Paging;

/// <summary>
/// Where one page stands. Receipts move forward only (a late "delivered" after "read" changes nothing), and a page that
/// failed can still be read later (the SMS gateway gave up, yet the link was opened): failure is final only for sending.
/// </summary>
public enum DeliveryStatus
{
    Queued,
    Sent,
    Delivered,
    Read,
    Acknowledged,
    Failed,
}
