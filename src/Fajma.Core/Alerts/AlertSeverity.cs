namespace Fajma.Core.Alerts;

/// <summary>How urgent an alert is; each doctor chooses which ones notify them.</summary>
public enum AlertSeverity
{
    Warning,
    Major,
    Critical,
}
