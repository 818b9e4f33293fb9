namespace Fajma.Server.Storage;

/// <summary>A browser's Web Push subscription (its <c>PushSubscription</c>): where to send, and the keys that encrypt for that browser alone.</summary>
public sealed class WebPushSubscription
{
    public int Id { get; set; }

    public int UserId { get; set; }

    /// <summary>The push service's URL for this browser; unique — a browser that subscribes again replaces its row.</summary>
    public required string Endpoint { get; set; }

    /// <summary>The browser's P-256 public key (base64url), RFC 8291.</summary>
    public required string P256dh { get; set; }

    /// <summary>The 16-byte authentication secret (base64url), RFC 8291.</summary>
    public required string Auth { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The language the person used when they subscribed (en, fr): what a patient's nudges are written in.</summary>
    public string? Language { get; set; }
}
