using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>The order in which a patient's doctors are paged: who joined the care team first (AlertEscalation).</summary>
public static class CareTeamPaging
{
    public static Task<List<int>> PagingOrderAsync(this FajmaDbContext db, int patientId, CancellationToken cancellationToken) =>
        db.CareTeam.AsNoTracking().Where(c => c.PatientId == patientId)
            .OrderBy(c => c.JoinedAt).ThenBy(c => c.DoctorId).Select(c => c.DoctorId).ToListAsync(cancellationToken);
}
