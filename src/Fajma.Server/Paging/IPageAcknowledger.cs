using Microsoft.AspNetCore.Http;

namespace Fajma.Server.Paging;

/// <summary>
/// Acknowledges an alert for the person a page reached (from a notification's button, a key pressed on a call). The alert
/// engine sits a floor above and implements it; paging only knows that a page was answered.
/// </summary>
public interface IPageAcknowledger
{
    /// <summary>False when the alert is gone or no longer the person's to acknowledge.</summary>
    Task<bool> AcknowledgeAsync(Guid alertId, int userId, string channel, HttpContext http, CancellationToken cancellationToken);
}
