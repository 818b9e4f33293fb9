using Fajma.Core.Consultations;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Consultations;

/// <summary>The invitation's facts from the stored consultation: the doctor and the patient's accounts, the pre-call link.</summary>
public static class VisitInvitationReads
{
    /// <summary>Where the invitation leads: the pre-call test page, which then opens the room.</summary>
    public static Uri JoinLink(ConsultationOptions options, int consultationId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.PublicUrl, $"consultations/{consultationId}/precall");
    }

    public static async Task<VisitInvitationFacts> LoadAsync(FajmaDbContext db, Consultation consultation, ConsultationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(consultation);
        var doctor = await db.Users.AsNoTracking().Where(u => u.Id == consultation.DoctorId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(cancellationToken);
        var patients = await db.Users.AsNoTracking().Where(u => u.PatientId == consultation.PatientId && u.PatientId != null)
            .OrderBy(u => u.Id).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return new VisitInvitationFacts(consultation.Id, consultation.ScheduledAt, options.VisitLength, consultation.InvitationSequence,
            consultation.State == ConsultationState.Cancelled, doctor.DisplayName, doctor.Email,
            [.. patients.Select(p => (p.DisplayName, p.Email))], JoinLink(options, consultation.Id), [consultation.DoctorId, .. patients.Select(p => p.Id)]);
    }
}
