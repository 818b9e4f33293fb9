namespace Fajma.Server.Storage;

/// <summary>
/// One attempt to reach one person on one channel about one alert (or a test alarm), with its receipts: sent, delivered,
/// read, acknowledged — or failed. Receipts only move forward; the alert's timeline is these rows.
/// </summary>
public sealed class PageDelivery
{
    public Guid Id { get; set; }

    /// <summary>The alert; for a test alarm, the test's own id (no alert row).</summary>
    public Guid AlertId { get; set; }

    public bool IsTest { get; set; }

    public int UserId { get; set; }

    /// <summary>push, sms, voice, email or app (an open Fajma tab).</summary>
    public required string Channel { get; set; }

    /// <summary>Where it went, masked: the push service's host, the last digits of a phone, the e-mail's domain.</summary>
    public string? Target { get; set; }

    /// <summary>The escalation level that paged: an attempt of an earlier level does not answer for a later one.</summary>
    public int Level { get; set; }

    public required string Status { get; set; }

    /// <summary>The gateway's id for the message (SMS/voice), to match its status callbacks.</summary>
    public string? ProviderId { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }
}
