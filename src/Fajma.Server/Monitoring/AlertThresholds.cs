using Fajma.Core.Vitals;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Monitoring;

/// <summary>Reads and sets patients' alert limits; the caller has already checked the doctor may (care team, or the consultation's doctor).</summary>
public static class AlertThresholds
{
    public static Task<List<AlertThresholdDto>> ForPatientAsync(this FajmaDbContext db, int patientId, CancellationToken cancellationToken) =>
        db.AlertThresholds.AsNoTracking().Where(t => t.PatientId == patientId).OrderBy(t => t.Type)
            .Select(t => new AlertThresholdDto(t.PatientId, t.Type, t.Low, t.High, t.SetBy, t.SetAt)).ToListAsync(cancellationToken);

    /// <summary>Stores the limits (replacing earlier ones for that sign) and returns them; <paramref name="threshold"/> must be valid.</summary>
    public static async Task<AlertThresholdDto> SetAsync(this FajmaDbContext db, int patientId, AlertThreshold threshold, int doctorId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        if (threshold.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")), nameof(threshold));
        now = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()); // the store keeps milliseconds: answer what a later read gives
        var row = await db.AlertThresholds.SingleOrDefaultAsync(t => t.PatientId == patientId && t.Type == threshold.Type, cancellationToken);
        if (row is null) db.AlertThresholds.Add(row = new PatientAlertThreshold { PatientId = patientId, Type = threshold.Type });
        (row.Low, row.High, row.SetBy, row.SetAt) = (threshold.Low, threshold.High, doctorId, now);
        await db.SaveChangesAsync(cancellationToken);
        return new AlertThresholdDto(patientId, row.Type, row.Low, row.High, doctorId, now);
    }

    public static Task<int> ClearAsync(this FajmaDbContext db, int patientId, string type, CancellationToken cancellationToken) =>
        db.AlertThresholds.Where(t => t.PatientId == patientId && t.Type == type).ExecuteDeleteAsync(cancellationToken);
}
