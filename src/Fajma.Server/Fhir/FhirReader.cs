using System.Globalization;
using Fajma.Core.Fhir;
using Fajma.Server.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Patients;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>
/// Every FHIR read and search, for one caller: rows are limited to the patients the caller may see
/// (<see cref="PatientVisibility.VisibleTo"/>) inside the query, ordered by a stable key, paged, then opened through
/// the features' own readers (sealed values are never opened here).
/// </summary>
public sealed class FhirReader(FajmaDbContext db, PatientKeys keys, AlertEngine engine, OpenAlerts open, AlertJournal journal)
{
    public Task<FhirPage> SearchAsync(CurrentUser user, FhirQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        if (query.CountOnly) query = query with { Count = 0, Offset = 0 }; // _summary=count: the same search, no rows read
        var visible = db.Patients.VisibleTo(user, db).Select(p => p.Id);
        if (query.PatientIds is { } asked) visible = visible.Where(id => asked.Contains(id));
        return query.Type switch
        {
            FhirResourceTypes.Patient => PatientsAsync(visible, query, cancellationToken),
            FhirResourceTypes.Observation => ObservationsAsync(visible, query, cancellationToken),
            FhirResourceTypes.Device => DevicesAsync(visible, query, cancellationToken),
            FhirResourceTypes.Encounter => EncountersAsync(visible, query, cancellationToken),
            FhirResourceTypes.Flag => FlagsAsync(visible, query, cancellationToken),
            FhirResourceTypes.RiskAssessment => RiskAssessmentsAsync(visible, query, cancellationToken),
            FhirResourceTypes.Group => GroupsAsync(user, query, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Type, "not a served type"),
        };
    }

    private static List<T> Numbers<T>(IReadOnlyList<string> ids, Func<string, (bool, T)> parse) =>
        [.. ids.Select(parse).Where(x => x.Item1).Select(x => x.Item2)];

    private static (bool, int) Int(string s) => (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n), n);

    private static FhirPage Page<T>(List<T> rows, int total, Func<T, R4.Resource> map, Func<T, int> patientOf) =>
        new([.. rows.Select(map)], total, rows.Select(patientOf).ToHashSet());

    private async Task<FhirPage> PatientsAsync(IQueryable<int> visible, FhirQuery query, CancellationToken cancellationToken)
    {
        var rows = db.Patients.AsNoTracking().Where(p => visible.Contains(p.Id)).Within(p => p.CreatedAt, query.LastUpdated);
        if (query.Ids is { } ids)
        {
            var wanted = Numbers(ids, Int);
            rows = rows.Where(p => wanted.Contains(p.Id));
        }
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(p => p.Id).Skip(query.Offset).Take(query.Count).ToListAsync(cancellationToken);
        return Page(page, total, FhirResources.ToFhir, p => p.Id);
    }

    private async Task<FhirPage> ObservationsAsync(IQueryable<int> visible, FhirQuery query, CancellationToken cancellationToken)
    {
        var rows = db.Observations.Where(o => visible.Contains(o.PatientId)).Within(o => o.MeasuredAt, query.Dates).Within(o => o.ReceivedAt, query.LastUpdated);
        if (query.Ids is { } ids)
        {
            var wanted = Numbers(ids, s => (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n), n));
            rows = rows.Where(o => wanted.Contains(o.Id));
        }
        if (query.Codes is { } codes) rows = rows.Where(o => codes.Contains(o.Type));
        var total = await rows.CountAsync(cancellationToken);
        var ordered = query.Sort switch
        {
            null => rows.OrderBy(o => o.Id),
            { ByReceived: false, Descending: false } => rows.OrderBy(o => o.MeasuredAt).ThenBy(o => o.Id),
            { ByReceived: false, Descending: true } => rows.OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id),
            { ByReceived: true, Descending: false } => rows.OrderBy(o => o.ReceivedAt).ThenBy(o => o.Id),
            { ByReceived: true, Descending: true } => rows.OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.Id),
        };
        var page = await ordered.Skip(query.Offset).Take(query.Count).ReadAsync(keys, cancellationToken);
        return Page(page, total, FhirObservations.ToFhir, o => o.PatientId);
    }

    private async Task<FhirPage> DevicesAsync(IQueryable<int> visible, FhirQuery query, CancellationToken cancellationToken)
    {
        // A patient has a handful of devices: the hashed ids (FhirIds) and the optional last-seen time are matched in memory.
        var all = await db.Devices.AsNoTracking().Where(d => d.PatientId != null && visible.Contains(d.PatientId.Value)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var matching = all.Where(d => (query.Ids is not { } ids || ids.Contains(FhirIds.ForDevice(d.Id))) && query.LastUpdated.MatchAll(d.LastSeenAt ?? d.RegisteredAt)).ToList();
        return Page([.. matching.Skip(query.Offset).Take(query.Count)], matching.Count, FhirResources.ToFhir, d => d.PatientId!.Value);
    }

    private async Task<FhirPage> EncountersAsync(IQueryable<int> visible, FhirQuery query, CancellationToken cancellationToken)
    {
        var rows = db.Consultations.AsNoTracking().Where(c => visible.Contains(c.PatientId)).Within(c => c.ScheduledAt, query.Dates).Within(c => c.StateChangedAt, query.LastUpdated);
        if (query.Ids is { } ids)
        {
            var wanted = Numbers(ids, Int);
            rows = rows.Where(c => wanted.Contains(c.Id));
        }
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(c => c.Id).Skip(query.Offset).Take(query.Count)
            .Select(c => new { Row = c, Doctor = db.Users.Where(u => u.Id == c.DoctorId).Select(u => u.DisplayName).First() })
            .ToListAsync(cancellationToken);
        return Page(page, total, c => FhirResources.ToFhir(c.Row, c.Doctor), c => c.Row.PatientId);
    }

    private async Task<FhirPage> FlagsAsync(IQueryable<int> visible, FhirQuery query, CancellationToken cancellationToken)
    {
        await journal.FlushAsync(cancellationToken); // alerts still on their way to the store are searched too
        var patients = visible.Select(id => (int?)id);
        var rows = db.Alerts.AsNoTracking().Where(a => patients.Contains(a.PatientId)).Within(a => a.RaisedAt, query.Dates).Within(a => a.LastSeenAt, query.LastUpdated);
        if (query.Ids is { } ids)
        {
            var wanted = Numbers(ids, s => (Guid.TryParse(s, out var g), g));
            rows = rows.Where(a => wanted.Contains(a.Id));
        }
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderBy(a => a.RaisedAt).ThenBy(a => a.Id).Skip(query.Offset).Take(query.Count).ToListAsync(cancellationToken);
        var alerts = await db.OpenAsync(page, open, keys, cancellationToken);
        return Page(alerts, total, FhirResources.ToFhir, a => a.PatientId!.Value);
    }

    private async Task<FhirPage> RiskAssessmentsAsync(IQueryable<int> visible, FhirQuery query, CancellationToken cancellationToken)
    {
        var assessments = new List<(int PatientId, R4.RiskAssessment Assessment)>();
        foreach (var patientId in await visible.OrderBy(id => id).ToListAsync(cancellationToken))
        {
            var news2 = await engine.News2Async(patientId, cancellationToken);
            if (FhirResources.ToFhir(news2) is not { } assessment || news2.ComputedAt is not { } at) continue;
            if ((query.Ids is not { } ids || ids.Contains(assessment.Id)) && query.Dates.MatchAll(at) && query.LastUpdated.MatchAll(at)) assessments.Add((patientId, assessment));
        }
        var page = assessments.Skip(query.Offset).Take(query.Count).ToList();
        return Page(page, assessments.Count, a => a.Assessment, a => a.PatientId);
    }

    /// <summary>A Group is a doctor's care team, and only that doctor reads it.</summary>
    private async Task<FhirPage> GroupsAsync(CurrentUser user, FhirQuery query, CancellationToken cancellationToken)
    {
        var id = user.Id.ToString(CultureInfo.InvariantCulture);
        if (!user.IsDoctor || query.Ids is { } ids && !ids.Contains(id) || query.Offset > 0) return new FhirPage([], user.IsDoctor && query.Ids is null ? 1 : 0, new HashSet<int>());
        var name = await db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var members = await CareTeamAsync(user.Id, cancellationToken);
        return new FhirPage([FhirResources.CareTeam(user.Id, name, members)], 1, new HashSet<int>());
    }

    /// <summary>
    /// The records of these patients, type by type and page by page (for $everything and $export): the whole record
    /// is never one query. <paramref name="since"/>: only what changed from then.
    /// </summary>
    public async IAsyncEnumerable<R4.Resource> RecordAsync(CurrentUser user, IReadOnlyList<int> patientIds, IEnumerable<string> types, DateTimeOffset? since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(types);
        IReadOnlyList<FhirDateSearch> changed = since is { } from ? [new FhirDateSearch(FhirDatePrefix.Ge, from, from)] : [];
        foreach (var type in types)
        {
            for (var offset = 0; ; offset += FhirQuery.MaxCount)
            {
                var page = await SearchAsync(user, new FhirQuery(type) { PatientIds = patientIds, LastUpdated = changed, Count = FhirQuery.MaxCount, Offset = offset }, cancellationToken);
                foreach (var resource in page.Resources) yield return resource;
                if (page.Resources.Count < FhirQuery.MaxCount) break;
            }
        }
    }

    /// <summary>
    /// One page of the patient's <c>$everything</c>: the compartment's types in order, each by its stable order, as if one list —
    /// each type is asked only for the part of the page that falls in it (and its total). Null when the patient is not the caller's to see.
    /// </summary>
    public async Task<FhirPage?> EverythingAsync(CurrentUser user, int patientId, FhirQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await db.Patients.VisibleTo(user, db).AnyAsync(p => p.Id == patientId, cancellationToken)) return null;
        var resources = new List<R4.Resource>();
        var patients = new HashSet<int>();
        var total = 0;
        foreach (var type in FhirResourceTypes.PatientCompartment)
        {
            var wanted = query.Count - resources.Count;
            var from = Math.Max(0, query.Offset - total);
            var page = await SearchAsync(user, new FhirQuery(type) { PatientIds = [patientId], LastUpdated = query.LastUpdated, Offset = from, Count = Math.Max(1, wanted), CountOnly = wanted <= 0 }, cancellationToken);
            if (wanted > 0) resources.AddRange(page.Resources);
            patients.UnionWith(page.PatientIds);
            total += page.Total;
        }
        return new FhirPage(resources, total, patients);
    }

    public Task<List<int>> CareTeamAsync(int doctorId, CancellationToken cancellationToken) =>
        db.CareTeam.Where(c => c.DoctorId == doctorId).OrderBy(c => c.PatientId).Select(c => c.PatientId).ToListAsync(cancellationToken);
}
