namespace Fajma.Core.Alerts;

/// <summary>An alert's lifecycle: raised, acknowledged by a clinician (who, when), resolved (by the values or by hand, with a note).</summary>
public enum AlertStatus
{
    Raised,
    Acknowledged,
    Resolved,
}
