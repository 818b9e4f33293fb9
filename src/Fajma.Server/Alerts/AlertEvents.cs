namespace Fajma.Server.Alerts;

/// <summary>The <see cref="AlertDto.Event"/> values: what just happened to the alert.</summary>
public static class AlertEvents
{
    public const string Raised = "raised";
    public const string Updated = "updated";
    public const string Reminder = "reminder";
    public const string Escalated = "escalated";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    /// <summary>Not an event: the alert as read from the history.</summary>
    public const string Snapshot = "snapshot";
}
