namespace Fajma.Server.Alerts;

/// <summary>How a person's action on an alert ended: done (with the alert as it now is), or why not.</summary>
public sealed record AlertAction(AlertDto? Alert, AlertActionRefusal Refusal = AlertActionRefusal.None, string? Reason = null)
{
    public static AlertAction Refused(AlertActionRefusal refusal, string reason) => new(null, refusal, reason);
}

public enum AlertActionRefusal
{
    None,
    /// <summary>No such alert, or not one the caller may see: the same answer, so ids cannot be probed.</summary>
    NotFound,
    /// <summary>The alert is already resolved.</summary>
    Conflict,
}
