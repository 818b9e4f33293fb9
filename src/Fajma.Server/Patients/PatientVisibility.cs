using Fajma.Server.Identity;
using Fajma.Server.Storage;

namespace Fajma.Server.Patients;

/// <summary>
/// Who may see a patient's clinical data, written once: a patient sees themself; a doctor, the
/// patients of their care team; a consultation's guest, its patient if the doctor allows; an admin,
/// nobody (clinical reads go through break-glass, audited).
/// </summary>
public static class PatientVisibility
{
    public static IQueryable<Patient> VisibleTo(this IQueryable<Patient> patients, CurrentUser user, FajmaDbContext db)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        return user.Role switch
        {
            Roles.Patient => patients.Where(p => p.Id == user.PatientId),
            Roles.Doctor => patients.Where(p => db.CareTeam.Any(c => c.DoctorId == user.Id && c.PatientId == p.Id)),
            // A guest sees the vitals of their consultation's patient only while the doctor allows it.
            Roles.Guest => patients.Where(p => db.ConsultationGuests.Any(g => g.GuestUserId == user.Id && g.AllowVitals
                && db.Consultations.Any(c => c.Id == g.ConsultationId && c.PatientId == p.Id))),
            _ => patients.Where(p => false),
        };
    }

    public static Task<bool> CanSeeAsync(this FajmaDbContext db, CurrentUser user, int patientId, CancellationToken cancellationToken) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Patients.Where(p => p.Id == patientId).VisibleTo(user, db), cancellationToken);
}
