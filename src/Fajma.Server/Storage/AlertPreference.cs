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
}
