using Fajma.Core.Alerts;
using Fajma.Core.Crypto;
using Fajma.Core.Triage;
using Fajma.Server.Alerts;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Triage;

/// <summary>
/// What the board knows of each patient, read from the store without opening a day of sealed readings: open alerts
/// and time out of range from the alerts' clear columns, coverage from the readings' clear timestamps, NEWS2 from a
/// handful of readings (<see cref="TriageNews2"/>), the latest review.
/// </summary>
public static class TriageReads
{
    /// <summary>Sealed-note record name: a note opens only as a review note of its patient.</summary>
    public const string NoteRecord = "patient-review-note";

    /// <summary>Alerts whose open interval is time out of range: a limit crossed, or a sign moving too fast.</summary>
    private static readonly AlertKind[] s_outOfRange = [AlertKind.Threshold, AlertKind.Trend];

    public sealed record AlertFacts(int OpenAlerts, int OpenCritical, AlertSeverity? Highest, TimeSpan OutOfRange, DateTimeOffset? LastAlertAt);

    /// <summary>Per patient: open alerts, the union of their threshold and trend alerts' open intervals within the window, the latest alert.</summary>
    public static async Task<Dictionary<int, AlertFacts>> AlertsAsync(FajmaDbContext db, IReadOnlyCollection<int> patientIds, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Alerts.AsNoTracking()
            .Where(a => a.PatientId != null && patientIds.Contains(a.PatientId.Value) && a.RaisedAt < to
                && (a.Status != AlertStatus.Resolved || a.RaisedAt >= from || a.ResolvedAt > from))
            .Select(a => new { PatientId = a.PatientId!.Value, a.Kind, a.Severity, a.Status, a.RaisedAt, a.ResolvedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PatientId).ToDictionary(g => g.Key, g =>
        {
            var open = g.Where(a => a.Status != AlertStatus.Resolved).ToList();
            var intervals = g.Where(a => s_outOfRange.Contains(a.Kind))
                .Select(a => new TimeInterval(a.RaisedAt, a.Status == AlertStatus.Resolved ? a.ResolvedAt ?? a.RaisedAt : null));
            return new AlertFacts(open.Count, open.Count(a => a.Severity == AlertSeverity.Critical), open.Count > 0 ? open.Max(a => a.Severity) : null,
                TriageWindow.Union(intervals, from, to), g.Max(a => a.RaisedAt));
        });
    }

    /// <summary>
    /// The 5-minute slots of the window holding at least one of the patient's readings, grouped in the store (readings'
    /// times are clear Unix milliseconds on every provider), so at most 288 numbers come back whatever the reading rate.
    /// </summary>
    public static async Task<SlotCoverage> CoverageAsync(FajmaDbContext db, int patientId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var slotMs = (long)TriageWindow.Slot.TotalMilliseconds;
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        // Slots are whole: floor division, and the times are never negative here.
        var slots = await db.Database.SqlQuery<long>(
                $"SELECT DISTINCT measured_at / {slotMs} AS \"Value\" FROM observations WHERE patient_id = {patientId} AND measured_at >= {fromMs} AND measured_at < {toMs}")
            .ToListAsync(cancellationToken);
        return TriageWindow.Coverage(slots, to);
    }

    /// <summary>Each patient's latest review, its note opened; a patient whose key was shredded keeps the review without its note.</summary>
    public static async Task<Dictionary<int, PatientReviewDto>> LatestReviewsAsync(FajmaDbContext db, PatientKeys keys, IReadOnlyCollection<int> patientIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var rows = await db.PatientReviews.AsNoTracking()
            .Where(r => patientIds.Contains(r.PatientId) && r.Id == db.PatientReviews.Where(x => x.PatientId == r.PatientId).OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Select(x => x.Id).First())
            .Join(db.Users, r => r.DoctorId, u => u.Id, (r, u) => new { Review = r, u.DisplayName })
            .ToListAsync(cancellationToken);
        var reviews = new Dictionary<int, PatientReviewDto>();
        foreach (var row in rows) reviews[row.Review.PatientId] = await ToDtoAsync(row.Review, row.DisplayName, keys, cancellationToken);
        return reviews;
    }

    public static async Task<PatientReviewDto> ToDtoAsync(PatientReview review, string doctorName, PatientKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(keys);
        string? note = null;
        if (review.SealedNote is { } sealedNote && await keys.FindAsync(review.PatientId, cancellationToken) is { } key)
            note = TextSeal.Open(key, review.PatientId, NoteRecord, sealedNote);
        return new PatientReviewDto(review.PatientId, review.DoctorId, doctorName, review.At, note);
    }
}
