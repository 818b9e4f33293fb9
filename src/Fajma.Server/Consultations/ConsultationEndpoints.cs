using Fajma.Core.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Observations;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Consultations;

/// <summary>Scheduling and records of consultations; the live room is the hub.</summary>
public static class ConsultationEndpoints
{
    public static IEndpointRouteBuilder MapConsultationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/consultations").WithTags("Consultations").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", ListConsultations).WithSummary("The caller's consultations (doctor: those they hold; patient: their own), soonest first.");
        group.MapPost("/", ScheduleConsultation).RequireAuthorization(Policies.Doctor).WithSummary("A doctor schedules a consultation with a patient of their care team.");
        group.MapGet("/{id:int}", GetConsultation).WithSummary("One consultation, to its participants.");
        group.MapPost("/{id:int}/cancel", CancelConsultation).RequireAuthorization(Policies.Doctor).WithSummary("Cancels a scheduled consultation.");
        group.MapPost("/{id:int}/reschedule", RescheduleConsultation).RequireAuthorization(Policies.Doctor).WithSummary("Moves a scheduled consultation.");
        group.MapGet("/{id:int}/chat", GetChat).WithSummary("The chat after a sequence number, in order.");
        group.MapGet("/{id:int}/timeline", GetTimeline).WithSummary("State changes, chat and the vitals of the call, for the replay and the export.");
        return app;
    }

    public static async Task<Ok<List<ConsultationDto>>> ListConsultations(CurrentUser user, FajmaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Consultations.HeldBy(user, db).OrderBy(c => c.ScheduledAt).ThenBy(c => c.Id).ToDtosAsync(db, cancellationToken));

    public static async Task<Results<Created<ConsultationDto>, ValidationProblem>> ScheduleConsultation(ScheduleConsultationRequest request,
        CurrentUser user, FajmaDbContext db, TimeProvider time, HttpContext http, AuditLog audit, VisitMail mail, IOptions<ConsultationOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.CanSeeAsync(user, request.PatientId, cancellationToken)) errors["patientId"] = [$"patient {request.PatientId} is not in your care team"];
        var now = time.GetUtcNow();
        if (ConsultationProblems.ScheduleError(request.ScheduledAt, now) is { } when) errors["scheduledAt"] = [when];
        if (request.Reason is { Length: > 500 }) errors["reason"] = ["at most 500 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var consultation = new Consultation
        {
            PatientId = request.PatientId, DoctorId = user.Id, ScheduledAt = request.ScheduledAt, Reason = request.Reason?.Trim() ?? "",
            State = ConsultationState.Scheduled, StateChangedAt = now, CreatedAt = now, AnnouncedAt = now,
        };
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ConsultationScheduled, request.PatientId, $"consultation:{consultation.Id}"), cancellationToken);
        await mail.SendInvitationAsync(await VisitInvitationReads.LoadAsync(db, consultation, options.Value, cancellationToken), VisitNotice.Scheduled, cancellationToken);
        var dto = (await db.Consultations.Where(c => c.Id == consultation.Id).ToDtosAsync(db, cancellationToken)).Single();
        return TypedResults.Created($"/api/v1/consultations/{consultation.Id}", dto);
    }

    public static async Task<Results<Ok<ConsultationDto>, ProblemHttpResult>> GetConsultation(int id, CurrentUser user, FajmaDbContext db, PatientKeys keys,
        HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.HeldBy(user, db).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return ConsultationProblems.NotFound(id);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ConsultationRead, consultation.PatientId, $"consultation:{id}"), cancellationToken);
        return TypedResults.Ok(await db.ToDtoAsync(consultation, keys, cancellationToken));
    }

    /// <summary>Cancels, then tells the participants with a CANCEL invitation (its SEQUENCE one more, so calendars take it).</summary>
    public static Task<Results<Ok<ConsultationDto>, ProblemHttpResult>> CancelConsultation(int id, CurrentUser user, FajmaDbContext db,
        ConsultationLifecycle lifecycle, PatientKeys keys, VisitMail mail, IOptions<ConsultationOptions> options, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, db, keys, async c =>
        {
            await lifecycle.ApplyAsync(c, ConsultationTrigger.Cancel, ConsultationRole.Doctor, user.Id, null, cancellationToken);
            c.InvitationSequence++;
            await db.SaveChangesAsync(cancellationToken);
            await mail.SendInvitationAsync(await VisitInvitationReads.LoadAsync(db, c, options.Value, cancellationToken), VisitNotice.Cancelled, cancellationToken);
        }, cancellationToken);

    public static async Task<Results<Ok<ConsultationDto>, ProblemHttpResult>> RescheduleConsultation(int id, RescheduleRequest request, CurrentUser user,
        FajmaDbContext db, PatientKeys keys, TimeProvider time, VisitMail mail, IOptions<ConsultationOptions> options, CancellationToken cancellationToken)
    {
        if (ConsultationProblems.ScheduleError(request.ScheduledAt, time.GetUtcNow()) is { } when)
            return TypedResults.Problem(title: "Invalid time", detail: $"scheduledAt: {when}", statusCode: StatusCodes.Status400BadRequest);
        return await ChangeAsync(id, user, db, keys, async c =>
        {
            if (c.State != ConsultationState.Scheduled) throw new ConsultationRefusedException($"only a scheduled consultation can be moved; this one is {ConsultationStateMachine.Name(c.State)}");
            if (c.ScheduledAt == request.ScheduledAt) return; // the same time again: nothing to tell calendars
            c.ScheduledAt = request.ScheduledAt;
            // A new SEQUENCE replaces the event in calendars; reminders follow the new time (they are claimed per visit time).
            c.InvitationSequence++;
            c.AnnouncedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await mail.SendInvitationAsync(await VisitInvitationReads.LoadAsync(db, c, options.Value, cancellationToken), VisitNotice.Moved, cancellationToken);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<List<ChatMessageDto>>, ProblemHttpResult>> GetChat(int id, CurrentUser user, FajmaDbContext db, ConsultationChat chat,
        HttpContext http, AuditLog audit, CancellationToken cancellationToken, long after = 0)
    {
        var consultation = await db.Consultations.HeldBy(user, db).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return ConsultationProblems.NotFound(id);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ConsultationRead, consultation.PatientId, $"consultation:{id}", "chat"), cancellationToken);
        return TypedResults.Ok(await chat.SinceAsync(consultation, after, limit: 1000, cancellationToken));
    }

    public static async Task<Results<Ok<ConsultationTimelineDto>, ProblemHttpResult>> GetTimeline(int id, CurrentUser user, FajmaDbContext db, ConsultationChat chat,
        PatientKeys keys, Alerts.OpenAlerts open, Alerts.AlertJournal journal, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.HeldBy(user, db).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return ConsultationProblems.NotFound(id);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ConsultationRead, consultation.PatientId, $"consultation:{id}", "timeline"), cancellationToken);
        var transitions = (await db.ConsultationEvents.AsNoTracking().Where(e => e.ConsultationId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken))
            .Select(e => new StateChangedEvent(id, ConsultationStateMachine.Name(e.From), ConsultationStateMachine.Name(e.To), ConsultationStateMachine.Name(e.Trigger),
                e.ActorRole.ToString().ToLowerInvariant(), e.At, e.Reason)).ToList();
        var observations = new List<ObservationDto>();
        var alerts = new List<Alerts.AlertDto>();
        // The vitals and alerts only for those who may see the patient's: not a guest the doctor did not allow.
        if (consultation.StartedAt is { } from && await db.CanSeeAsync(user, consultation.PatientId, cancellationToken))
        {
            var to = consultation.EndedAt ?? DateTimeOffset.MaxValue;
            observations = await db.Observations.Where(o => o.PatientId == consultation.PatientId && o.MeasuredAt >= from && o.MeasuredAt <= to)
                .OrderBy(o => o.MeasuredAt).ThenBy(o => o.Id).Take(20_000).ReadAsync(keys, cancellationToken);
            alerts = await Alerts.AlertReads.ListAsync(db, user, new Alerts.AlertFilter(false, null, consultation.PatientId, null, null, from, to, Alerts.AlertEndpoints.MaxLimit),
                open, journal, keys, cancellationToken);
            alerts.Reverse(); // oldest first, like the rest of the timeline
        }
        return TypedResults.Ok(new ConsultationTimelineDto(await db.ToDtoAsync(consultation, keys, cancellationToken), transitions,
            await chat.SinceAsync(consultation, 0, limit: 10_000, cancellationToken), observations, alerts));
    }

    private static async Task<Results<Ok<ConsultationDto>, ProblemHttpResult>> ChangeAsync(int id, CurrentUser user, FajmaDbContext db, PatientKeys keys,
        Func<Consultation, Task> change, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.HeldBy(user, db).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return ConsultationProblems.NotFound(id);
        try
        {
            await change(consultation);
        }
        catch (ConsultationRefusedException e)
        {
            return TypedResults.Problem(title: "Not possible now", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(await db.ToDtoAsync(consultation, keys, cancellationToken));
    }
}
