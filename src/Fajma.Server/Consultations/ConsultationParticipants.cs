using Fajma.Server.Identity;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Consultations;

/// <summary>Who takes part (doctor, patient account, redeemed guests), who is in the room now, told to the room.</summary>
public static class ConsultationParticipants
{
    public static async Task<IReadOnlyList<ParticipantDto>> AnnounceAsync(FajmaDbContext db, ConsultationPresence presence, IClientProxy room,
        int consultationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(presence);
        ArgumentNullException.ThrowIfNull(room);
        var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == consultationId, cancellationToken);
        var online = await presence.OnlineAsync(consultationId);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == consultation.DoctorId || (u.Role == Roles.Patient && u.PatientId == consultation.PatientId)
                || db.ConsultationGuests.Any(g => g.ConsultationId == consultationId && g.GuestUserId == u.Id))
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Role, u.DisplayName })
            .ToListAsync(cancellationToken);
        var guests = await db.ConsultationGuests.AsNoTracking().Where(g => g.ConsultationId == consultationId && g.GuestUserId != null)
            .ToDictionaryAsync(g => g.GuestUserId!.Value, cancellationToken);
        var list = people.Select(p => guests.TryGetValue(p.Id, out var g)
            ? new ParticipantDto(p.Id, p.Role, p.DisplayName, online.Contains(p.Id), g.Id, g.AllowVitals)
            : new ParticipantDto(p.Id, p.Role, p.DisplayName, online.Contains(p.Id))).ToList();
        await room.SendAsync(ConsultationEvents.ParticipantsChanged, new ParticipantsChangedEvent(consultationId, list), cancellationToken);
        return list;
    }
}
