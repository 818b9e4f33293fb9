using System.Security.Claims;
using Fajma.Server.Identity;
using Fajma.Server.Live;
using Fajma.Server.Patients;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Monitoring;

/// <summary>The monitoring hub's answer to who may watch whom: the caller's care team (or, for a follower, what the patient shares), each subscription audited.</summary>
internal sealed class CareTeamWatch(FajmaDbContext db, AuditLog audit) : ILiveAccess
{
    public LiveViewer? Viewer(ClaimsPrincipal user) => CurrentUser.From(user) is { } u ? new LiveViewer(u.Id, u.IsAdmin) : null;

    public async Task<bool> MayWatchAsync(HubCallerContext caller, int patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var user = CurrentUser.From(caller.User!) ?? throw new HubException("not signed in");
        // A follower watches live only where the patient shares both vitals and alerts: the stream carries both.
        var allowed = user.IsFollower
            ? await db.Patients.Where(p => p.Id == patientId).SharedWith(user, db, FollowScope.Live).AnyAsync(cancellationToken)
            : await db.CanSeeAsync(user, patientId, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(caller.GetHttpContext()!, allowed ? AuditActions.LiveSubscribed : AuditActions.LiveRefused, patientId), cancellationToken);
        return allowed;
    }
}
