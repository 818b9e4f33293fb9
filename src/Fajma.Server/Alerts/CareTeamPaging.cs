using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>
/// The order in which a patient's doctors are paged (AlertEscalation): whoever is on call now for the patient's care
/// team, then whoever is on call next (OnCall.OnCallRoster), then the rest of the care team, who joined first first.
/// </summary>
public static class CareTeamPaging
{
    /// <summary>The care team alone, who joined first first.</summary>
    public static Task<List<int>> PagingOrderAsync(this FajmaDbContext db, int patientId, CancellationToken cancellationToken) =>
        db.CareTeam.AsNoTracking().Where(c => c.PatientId == patientId)
            .OrderBy(c => c.JoinedAt).ThenBy(c => c.DoctorId).Select(c => c.DoctorId).ToListAsync(cancellationToken);

    /// <summary>On call first (now, then next), then the rest of the care team in its own order.</summary>
    public static IReadOnlyList<int> OnCallFirst(IReadOnlyList<int> onCall, IReadOnlyList<int> careTeam) => [.. onCall, .. careTeam.Except(onCall)];

    /// <summary>At an escalation step: everyone already paged stays paged, in the order they were, then the others as the order stands now.</summary>
    public static IReadOnlyList<int> KeepingPaged(IReadOnlyList<int> paged, IReadOnlyList<int> now) => [.. paged, .. now.Except(paged)];
}
