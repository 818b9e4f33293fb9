using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Records;

/// <summary>Erasure requests as their DTOs: names of the patient and the people involved, and the legal hold.</summary>
public static class ErasureReads
{
    public static async Task<ErasureRequestDto> ToDtoAsync(FajmaDbContext db, Erasure erasure, ErasureRequest row, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db, erasure, [row], cancellationToken))[0];

    public static async Task<List<ErasureRequestDto>> ToDtosAsync(FajmaDbContext db, Erasure erasure, IReadOnlyList<ErasureRequest> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(erasure);
        ArgumentNullException.ThrowIfNull(rows);
        var patientIds = rows.Select(r => r.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var people = rows.SelectMany(r => new[] { (int?)r.RequestedBy, r.DecidedBy }).OfType<int>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var verdicts = new Dictionary<int, Core.Records.ErasureVerdict>();
        foreach (var id in rows.Where(r => r.Status == ErasureStatus.Pending).Select(r => r.PatientId).Distinct())
            verdicts[id] = await erasure.VerdictAsync(db, id, cancellationToken);
        return [.. rows.Select(r =>
        {
            var pending = verdicts.GetValueOrDefault(r.PatientId);
            var (holdEnds, permitted, ground) = r.Status == ErasureStatus.Pending && pending is not null
                ? (pending.HoldEndsAt, pending.Permitted, Name(pending.Ground))
                : (r.HoldEndsAt, r.Status == ErasureStatus.Approved, r.Status);
            return new ErasureRequestDto(r.Id, r.PatientId, patients.GetValueOrDefault(r.PatientId) ?? Erasure.PseudonymOf(r.PatientId), r.RequestedAt,
                names.GetValueOrDefault(r.RequestedBy) ?? "", r.Reason, r.Status, r.DecidedAt, r.DecidedBy is { } d ? names.GetValueOrDefault(d) : null, r.DecisionReason,
                holdEnds, permitted, ground);
        })];
    }

    private static string Name(Core.Records.ErasureGround ground) => SnakeCaseNames.ToSnakeCase(ground.ToString());
}
