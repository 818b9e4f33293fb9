using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Live;

/// <summary>
/// Who may watch whom, asked by the hub and answered by the floor that knows accounts and care teams (Monitoring):
/// live delivery itself knows neither. Scoped: one per hub call.
/// </summary>
public interface ILiveAccess
{
    /// <summary>The connecting caller, or null when the token names no account.</summary>
    LiveViewer? Viewer(ClaimsPrincipal user);

    /// <summary>Checks (and audits) one subscription; throws a <see cref="HubException"/> for a caller who is not signed in.</summary>
    Task<bool> MayWatchAsync(HubCallerContext caller, int patientId, CancellationToken cancellationToken);
}
