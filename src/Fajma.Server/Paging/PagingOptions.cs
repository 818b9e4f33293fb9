namespace Fajma.Server.Paging;

/// <summary>The <c>Paging</c> section: how people are reached outside the browser.</summary>
public sealed class PagingOptions
{
    /// <summary>The address people open from a page (links in SMS and e-mail). Defaults to the server's first URL.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>A page that has reached no one of its level this long (no delivery, read or acknowledgement receipt) escalates then, without waiting for the ladder's step.</summary>
    public TimeSpan UndeliveredAfter { get; set; } = TimeSpan.FromSeconds(90);

    public PushOptions Push { get; set; } = new();

    public GatewayOptions Gateway { get; set; } = new();
}

/// <summary>Web Push (RFC 8030/8291/8292).</summary>
public sealed class PushOptions
{
    /// <summary>The VAPID contact (<c>mailto:</c> or <c>https:</c>) push services may use to reach the operator.</summary>
    public string Subject { get; set; } = "mailto:operator@fajma.invalid";

    /// <summary>VAPID key pair (base64url, uncompressed P-256 public point and private scalar); generated into the data directory when absent.</summary>
    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    /// <summary>
    /// Hosts a subscription's endpoint may name (an entry starting with a dot matches its subdomains): the browsers' push
    /// services. Anything else is refused, so the server never sends requests where a caller points it.
    /// </summary>
    public List<string> AllowedHosts { get; } =
    [
        "fcm.googleapis.com", "android.googleapis.com", ".push.services.mozilla.com", ".notify.windows.com", ".push.apple.com",
    ];

    /// <summary>Also accept http endpoints on 127.0.0.1 (a local test push service). Set by <c>fajma demo</c> only.</summary>
    public bool AllowLoopback { get; set; }
}

/// <summary>The SMS and voice gateway: a generic HTTP API (docs/paging.md); unset, SMS and voice are not sent.</summary>
public sealed class GatewayOptions
{
    public Uri? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Signs the gateway's status callbacks (HMAC-SHA256, as the alert webhooks).</summary>
    public string? CallbackSecret { get; set; }

    public bool IsConfigured => Url is not null;
}
