namespace Fajma.Core.Paging;

/// <summary>The rule receipts follow: forward only, and "failed" only before anything reached the person.</summary>
public static class DeliveryReceipts
{
    /// <summary>The status after <paramref name="receipt"/>, or null when the receipt changes nothing.</summary>
    public static DeliveryStatus? Apply(DeliveryStatus current, DeliveryStatus receipt)
    {
        if (receipt == DeliveryStatus.Failed) return current is DeliveryStatus.Queued or DeliveryStatus.Sent ? DeliveryStatus.Failed : null;
        if (receipt == DeliveryStatus.Queued) return null;
        var rank = current == DeliveryStatus.Failed ? DeliveryStatus.Sent : current;
        return receipt > rank ? receipt : null;
    }

    /// <summary>The person was reached: the page arrived on something they hold, or they opened or answered it.</summary>
    public static bool Reached(DeliveryStatus status) => status is DeliveryStatus.Delivered or DeliveryStatus.Read or DeliveryStatus.Acknowledged;

    public static string Name(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}
