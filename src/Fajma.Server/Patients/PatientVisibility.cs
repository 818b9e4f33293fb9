using Fajma.Server.Identity;
using Fajma.Server.Storage;

namespace Fajma.Server.Patients;

/// <summary>
/// Who may see a patient's clinical data, written once: a patient sees themself; a doctor, the
/// patients of their care team; a consultation's guest, its patient if the doctor allows; an admin,
/// nobody (clinical reads go through break-glass, audited); a follower, nobody here: what a patient shares with a
/// follower is narrower than any route built on <see cref="VisibleTo"/> (records, devices, thresholds, consultations),
/// so their reads ask <see cref="SharedWith"/> for one scope, and a new clinical route is closed to them by default.
/// </summary>
public static class PatientVisibility
{
    public static IQueryable<Patient> VisibleTo(this IQueryable<Patient> patients, CurrentUser user, FajmaDbContext db)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        // An erased record (GDPR Art. 17) is nobody's to read: its routes answer "not found", never a failed unseal.
        patients = patients.Where(p => p.ErasedAt == null);
        return user.Role switch
        {
            Roles.Patient => patients.Where(p => p.Id == user.PatientId),
            Roles.Doctor => patients.Where(p => db.CareTeam.Any(c => c.DoctorId == user.Id && c.PatientId == p.Id)),
            // A guest sees the vitals of their consultation's patient only while the doctor allows it.
            Roles.Guest => patients.Where(p => db.ConsultationGuests.Any(g => g.GuestUserId == user.Id && g.AllowVitals
                && db.Consultations.Any(c => c.Id == g.ConsultationId && c.PatientId == p.Id))),
            // Followers: never through here (see the class summary); SharedWith answers for them.
            _ => patients.Where(p => false),
        };
    }

    /// <summary>The patients who share <paramref name="scope"/> with this follower through an active (redeemed, unrevoked) follow.</summary>
    public static IQueryable<Patient> SharedWith(this IQueryable<Patient> patients, CurrentUser user, FajmaDbContext db, FollowScope scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        if (!user.IsFollower) return patients.Where(p => false);
        patients = patients.Where(p => p.ErasedAt == null);
        var follows = db.Follows.Where(f => f.FollowerUserId == user.Id && f.RevokedAt == null);
        follows = scope switch
        {
            FollowScope.Vitals => follows.Where(f => f.ShareVitals),
            FollowScope.Alerts => follows.Where(f => f.ShareAlerts),
            _ => follows.Where(f => f.ShareVitals && f.ShareAlerts),
        };
        return patients.Where(p => follows.Any(f => f.PatientId == p.Id));
    }

    public static Task<bool> CanSeeAsync(this FajmaDbContext db, CurrentUser user, int patientId, CancellationToken cancellationToken) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Patients.Where(p => p.Id == patientId).VisibleTo(user, db), cancellationToken);
}
