using Fajma.Core.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Consultations;

/// <summary>Who takes part in a consultation, written once: its doctor, its patient and the guests they invited. Nobody else, admins included.</summary>
public static class ConsultationAccess
{
    public static IQueryable<Consultation> HeldBy(this IQueryable<Consultation> consultations, CurrentUser user, FajmaDbContext db)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        return user.Role switch
        {
            Roles.Doctor => consultations.Where(c => c.DoctorId == user.Id),
            Roles.Patient => consultations.Where(c => c.PatientId == user.PatientId),
            Roles.Guest => consultations.Where(c => db.ConsultationGuests.Any(g => g.ConsultationId == c.Id && g.GuestUserId == user.Id)),
            _ => consultations.Where(c => false),
        };
    }

    public static ConsultationRole RoleOf(CurrentUser user) => user.Role switch
    {
        Roles.Doctor => ConsultationRole.Doctor,
        Roles.Patient => ConsultationRole.Patient,
        _ => ConsultationRole.Guest,
    };

    /// <summary>The consultation if the caller takes part in it; the same refusal whether it does not exist or is someone else's.</summary>
    public static async Task<Consultation> FindHeldAsync(this FajmaDbContext db, CurrentUser user, int consultationId, CancellationToken cancellationToken) =>
        await db.Consultations.HeldBy(user, db).SingleOrDefaultAsync(c => c.Id == consultationId, cancellationToken)
        ?? throw new ConsultationRefusedException($"consultation {consultationId} does not exist or you do not take part in it");
}
