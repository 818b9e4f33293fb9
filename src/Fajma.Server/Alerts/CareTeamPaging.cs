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
    public static async Task<List<int>> PagingOrderAsync(this FajmaDbContext db, int patientId, CancellationToken cancellationToken) =>
        [.. (await db.PagingOrdersAsync([patientId], cancellationToken))[patientId]];

    /// <summary>Many patients' care teams in one query, each in that order (a lookup keeps the query's order within a patient).</summary>
    public static async Task<ILookup<int, int>> PagingOrdersAsync(this FajmaDbContext db, IReadOnlyList<int> patientIds, CancellationToken cancellationToken) =>
        (await db.CareTeam.AsNoTracking().Where(c => patientIds.Contains(c.PatientId))
            .OrderBy(c => c.JoinedAt).ThenBy(c => c.DoctorId).Select(c => new { c.PatientId, c.DoctorId }).ToListAsync(cancellationToken))
        .ToLookup(c => c.PatientId, c => c.DoctorId);

    /// <summary>On call first (now, then next), then the rest of the care team in its own order.</summary>
    public static IReadOnlyList<int> OnCallFirst(IReadOnlyList<int> onCall, IReadOnlyList<int> careTeam) => [.. onCall, .. careTeam.Except(onCall)];

    /// <summary>At an escalation step: everyone already paged stays paged, in the order they were, then the others as the order stands now.</summary>
    public static IReadOnlyList<int> KeepingPaged(IReadOnlyList<int> paged, IReadOnlyList<int> now) => [.. paged, .. now.Except(paged)];
}
