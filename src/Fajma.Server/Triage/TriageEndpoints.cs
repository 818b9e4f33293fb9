using Fajma.Core.Alerts;
using Fajma.Core.Crypto;
using Fajma.Core.Triage;
using Fajma.Server.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Triage;

/// <summary>
/// <c>/api/v1/triage</c>: a doctor's patients (their care team's) ranked by <see cref="TriageRank"/> over the last 24 h,
/// and "mark reviewed", which the whole care team sees. Reading the board is audited per patient shown, like the patient list.
/// </summary>
public static class TriageEndpoints
{
    public const int MaxNote = 500;

    public static IEndpointRouteBuilder MapTriage(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/triage").WithTags("Triage").RequireAuthorization(Policies.Doctor).RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", GetBoard).WithSummary("The caller's patients, most in need of a look first: open alerts, time out of range and coverage over 24 h, NEWS2 now and 6 h before, last review.");
        group.MapPost("/{patientId:int}/reviewed", MarkReviewed).WithSummary("Marks the patient reviewed by the caller now, with an optional note; seen by the whole care team.");
        return app;
    }

    public static async Task<Ok<TriageBoardDto>> GetBoard(CurrentUser user, FajmaDbContext db, PatientKeys keys, AlertEngine engine, AlertJournal journal,
        AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        var patients = await db.Patients.AsNoTracking().VisibleTo(user, db).Select(p => new { p.Id, p.DisplayName }).ToListAsync(cancellationToken);
        // One entry per patient shown, written together in one commit of the audit log.
        await Task.WhenAll(patients.Select(p => audit.RecordAsync(AuditRecord.By(http, AuditActions.TriageRead, p.Id, "triage"), cancellationToken)));
        await journal.FlushAsync(cancellationToken); // alerts raised or resolved a moment ago are in the store
        var now = time.GetUtcNow();
        var from = now - TriageWindow.Length;
        var ids = patients.Select(p => p.Id).ToList();
        var alerts = await TriageReads.AlertsAsync(db, ids, from, now, cancellationToken);
        var reviews = await TriageReads.LatestReviewsAsync(db, keys, ids, cancellationToken);
        var facts = new List<(TriageFacts Facts, SlotCoverage Coverage)>();
        foreach (var patient in patients)
        {
            var coverage = await TriageReads.CoverageAsync(db, patient.Id, from, now, cancellationToken);
            var (news2, before) = await News2Async(db, keys, engine, patient.Id, now, cancellationToken);
            var a = alerts.GetValueOrDefault(patient.Id);
            facts.Add((new TriageFacts(patient.Id, patient.DisplayName, a?.OpenCritical ?? 0, a?.OpenAlerts ?? 0, a?.Highest, a?.OutOfRange ?? TimeSpan.Zero,
                coverage.Share, news2, before, a?.LastAlertAt, reviews.GetValueOrDefault(patient.Id)?.At), coverage));
        }
        var coverages = facts.ToDictionary(f => f.Facts.PatientId, f => f.Coverage);
        var rows = TriageRank.Order(facts.Select(f => f.Facts)).Select((f, i) => new TriageRowDto(i + 1, f.PatientId, f.Name, ReasonNames(TriageRank.Reasons(f)),
            f.OpenAlerts, f.OpenCritical, f.HighestOpen is { } s ? OpenAlert.Name(s) : null, Math.Round(f.OutOfRange.TotalMinutes, 1), Math.Round(f.Coverage, 3),
            [.. coverages[f.PatientId].Hours.Select(h => Math.Round(h, 3))], f.News2Now, f.News2Before, f.LastAlertAt, reviews.GetValueOrDefault(f.PatientId))).ToList();
        return TypedResults.Ok(new TriageBoardDto(now, from, now - TriageNews2.ComparedWith, rows));
    }

    public static async Task<Results<Created<PatientReviewDto>, ProblemHttpResult, ValidationProblem>> MarkReviewed(int patientId, ReviewRequest? request,
        CurrentUser user, FajmaDbContext db, PatientKeys keys, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (note?.Length > MaxNote)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [$"must be at most {MaxNote} characters"] });
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        var review = new PatientReview { PatientId = patientId, DoctorId = user.Id, At = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()) };
        if (note is not null) review.SealedNote = TextSeal.Seal(await keys.GetOrCreateAsync(patientId, cancellationToken), patientId, TriageReads.NoteRecord, note);
        db.PatientReviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.PatientReviewed, patientId, "triage", note is null ? null : "with a note"), cancellationToken);
        var doctor = await db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/triage", await TriageReads.ToDtoAsync(review, doctor, keys, cancellationToken));
    }

    /// <summary>NEWS2 now and <see cref="TriageNews2.ComparedWith"/> before, for an adult (NEWS2 is not validated for children).</summary>
    private static async Task<(int? Now, int? Before)> News2Async(FajmaDbContext db, PatientKeys keys, AlertEngine engine, int patientId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var watch = await engine.WatchAsync(patientId, cancellationToken);
        News2Inputs inputs;
        lock (watch.Gate)
        {
            if (!watch.IsAdult) return (null, null);
            inputs = watch.Inputs;
        }
        return (await TriageNews2.ScoreAtAsync(db, keys, patientId, inputs, now, cancellationToken),
            await TriageNews2.ScoreAtAsync(db, keys, patientId, inputs, now - TriageNews2.ComparedWith, cancellationToken));
    }

    private static List<string> ReasonNames(TriageReason reasons) =>
        [.. Enum.GetValues<TriageReason>().Where(r => r != TriageReason.None && reasons.HasFlag(r)).Select(r => Storage.SnakeCaseNames.ToSnakeCase(r.ToString()))];
}
