using Fajma.Server.Identity;
using Fajma.Server.Paging.Push;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts.Nudges;

/// <summary>
/// Pushes a nudge to the patient's browsers (<see cref="PersonPush"/>), tagged with the nudge's id so the push that
/// clears it replaces the notification.
/// </summary>
public sealed class NudgePusher(IDbContextFactory<FajmaDbContext> store, PersonPush push)
{
    /// <summary>True when at least one push service took it.</summary>
    public async Task<bool> PushAsync(Nudge nudge, bool cleared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var deviceType = await db.Devices.Where(d => d.Id == nudge.DeviceId).Select(d => d.Type).FirstOrDefaultAsync(cancellationToken) ?? "";
        var patients = await db.Users.Where(u => u.Role == Roles.Patient && u.PatientId == nudge.PatientId).Select(u => u.Id).ToListAsync(cancellationToken);
        return await push.SendAsync(patients, nudge.Id, "nudge", language => NudgeText.For(nudge.Kind, language, deviceType, nudge.Battery, cleared) is var t ? (t.Title, t.Body) : default,
            "/", urgent: !cleared, close: cleared, cancellationToken);
    }
}
