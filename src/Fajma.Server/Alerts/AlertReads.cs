using Fajma.Core.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>Alert history as a caller may see it: their patients' alerts (PatientVisibility), and for admins the system's.</summary>
public static class AlertReads
{
    public static IQueryable<Alert> VisibleTo(this IQueryable<Alert> alerts, CurrentUser user, FajmaDbContext db)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdmin) return alerts.Where(a => a.PatientId == null);
        var visible = db.Patients.VisibleTo(user, db).Select(p => (int?)p.Id);
        return alerts.Where(a => visible.Contains(a.PatientId));
    }

    /// <summary>The history as of now: changes still on their way to the store are committed first, so a filter sees them.</summary>
    public static async Task<List<AlertDto>> ListAsync(this FajmaDbContext db, CurrentUser user, AlertFilter filter, OpenAlerts open, AlertJournal journal,
        PatientKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(journal);
        await journal.FlushAsync(cancellationToken);
        var query = db.Alerts.AsNoTracking().VisibleTo(user, db);
        if (filter.PatientId is { } patientId) query = query.Where(a => a.PatientId == patientId);
        if (filter.ActiveOnly) query = query.Where(a => a.Status != AlertStatus.Resolved);
        if (filter.Status is { } status) query = query.Where(a => a.Status == status);
        if (filter.Severity is { } severity) query = query.Where(a => a.Severity == severity);
        if (filter.Kind is { } kind) query = query.Where(a => a.Kind == kind);
        if (filter.From is { } from) query = query.Where(a => a.RaisedAt >= from);
        if (filter.Before is { } before) query = query.Where(a => a.RaisedAt < before);
        var rows = await query.OrderByDescending(a => a.RaisedAt).Take(filter.Limit).ToListAsync(cancellationToken);
        return await db.OpenAsync(rows, open, keys, cancellationToken);
    }

    /// <summary>Stored alerts as clients see them: an open one as held in memory, the others opened with their patient's key.</summary>
    public static async Task<List<AlertDto>> OpenAsync(this FajmaDbContext db, List<Alert> rows, OpenAlerts open, PatientKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(keys);
        var people = rows.SelectMany(r => new[] { r.AcknowledgedBy, r.ResolvedBy }).OfType<int>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var result = new List<AlertDto>(rows.Count);
        foreach (var row in rows)
        {
            // An open alert's latest state is the one in memory (the row may trail it by a moment).
            if (open.Find(row.Id) is { } live)
            {
                lock (live.Gate) result.Add(live.ToDto(AlertEvents.Snapshot));
                continue;
            }
            // Not in memory once the journal is flushed: no longer raised, so nobody shows as paged.
            var key = await keys.GetOrCreateAsync(row.PatientId ?? PatientKeys.Platform, cancellationToken);
            result.Add(OpenAlert.FromStored(row, AlertJournal.Open(key, row), names).ToDto(AlertEvents.Snapshot));
        }
        return result;
    }
}
