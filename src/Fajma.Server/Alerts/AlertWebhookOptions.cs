using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts;

/// <summary>One subscriber: where to POST, the shared secret of the HMAC signature, and the least severity it wants.</summary>
public sealed class AlertWebhookOptions
{
    public Uri? Url { get; set; }

    public string Secret { get; set; } = "";

    public AlertSeverity MinSeverity { get; set; } = AlertSeverity.Warning;
}
