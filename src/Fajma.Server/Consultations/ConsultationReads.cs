using Fajma.Core.Consultations;
using Fajma.Core.Crypto;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Consultations;

/// <summary>Consultations as records, with both names; the note opened with the patient's key when asked for.</summary>
public static class ConsultationReads
{
    public static async Task<List<ConsultationDto>> ToDtosAsync(this IQueryable<Consultation> consultations, FajmaDbContext db, CancellationToken cancellationToken)
    {
        var rows = await consultations.AsNoTracking()
            .Select(c => new
            {
                Row = c,
                Patient = db.Patients.Where(p => p.Id == c.PatientId).Select(p => p.DisplayName).First(),
                Doctor = db.Users.Where(u => u.Id == c.DoctorId).Select(u => u.DisplayName).First(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToDto(r.Row, r.Patient, r.Doctor, note: null)).ToList();
    }

    /// <summary>The consultation as held in memory (its state just changed, maybe) with both names; the note opened when there is one.</summary>
    public static async Task<ConsultationDto> ToDtoAsync(this FajmaDbContext db, Consultation consultation, PatientKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        // Only the two names are read: the row itself is the caller's, with any change it just made.
        var names = await db.Consultations.Where(c => c.Id == consultation.Id).Select(c => new
        {
            Patient = db.Patients.Where(p => p.Id == c.PatientId).Select(p => p.DisplayName).First(),
            Doctor = db.Users.Where(u => u.Id == c.DoctorId).Select(u => u.DisplayName).First(),
        }).SingleAsync(cancellationToken);
        string? note = null;
        if (consultation.NoteSealed is not null && await keys.FindAsync(consultation.PatientId, cancellationToken) is { } key)
            note = Open(key, consultation.PatientId, TextSeal.NoteRecord(consultation.Id), consultation.NoteSealed, $"note of consultation {consultation.Id}");
        return ToDto(consultation, names.Patient, names.Doctor, note);
    }

    /// <summary>Opens a sealed text; a broken seal is an integrity error, never wrong text.</summary>
    public static string Open(byte[] key, int patientId, string record, byte[] sealedText, string what)
    {
        try
        {
            return TextSeal.Open(key, patientId, record, sealedText);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new SealBrokenException(what, e);
        }
    }

    private static ConsultationDto ToDto(Consultation c, string patientName, string doctorName, string? note) => new(
        c.Id, c.PatientId, patientName, c.DoctorId, doctorName, c.ScheduledAt, c.Reason, ConsultationStateMachine.Name(c.State),
        c.StartedAt, c.EndedAt, c.FailureReason, note, ConsultationStateMachine.Name(c.RecordingConsent));
}
