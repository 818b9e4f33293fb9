using Fajma.Core.Alerts;

namespace Fajma.Server.Storage;

/// <summary>How one clinician wants to hear about one severity; a severity with no row uses the defaults.</summary>
public sealed class AlertPreference
{
    public int UserId { get; set; }

    public AlertSeverity Severity { get; set; }

    /// <summary>A browser notification (system tray), shown even when the tab is in the background.</summary>
    public bool Browser { get; set; }

    public bool Sound { get; set; }

    /// <summary>Outside the browser (Paging): a Web Push notification to each subscribed browser.</summary>
    public bool Push { get; set; }

    /// <summary>A text message with a link and the severity only (the channel is not trusted with clinical content).</summary>
    public bool Sms { get; set; }

    /// <summary>A phone call that reads the severity and lets the clinician acknowledge with a key.</summary>
    public bool Voice { get; set; }

    /// <summary>An e-mail with a link and the severity only.</summary>
    public bool Email { get; set; }
}
