using Fajma.Server.Identity;
using Fajma.Server.Paging;
using Fajma.Server.Storage;

namespace Fajma.Server.Alerts;

/// <summary>A page answered outside the app (a notification's button, a key pressed on a call) acknowledges as the person it reached, with the same rules as in the app.</summary>
public sealed class AlertPageAcknowledger(AlertLifecycle lifecycle, FajmaDbContext db) : IPageAcknowledger
{
    public async Task<bool> AcknowledgeAsync(Guid alertId, int userId, string channel, HttpContext http, CancellationToken cancellationToken)
    {
        if (await db.Users.FindAsync([userId], cancellationToken) is not { } account) return false;
        var user = new CurrentUser(account.Id, account.Role, account.PatientId);
        var action = await lifecycle.AcknowledgeAsync(alertId, user, http, cancellationToken, via: channel);
        return action.Alert is not null;
    }
}
