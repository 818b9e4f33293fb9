using Fajma.Core.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary><c>/api/v1/alerts</c>: the history with filters, acknowledging and resolving, and each clinician's notification preferences.</summary>
public static class AlertEndpoints
{
    public const int MaxLimit = 200;
    public const int MaxNoteLength = 1000;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", ListAlerts).WithSummary("Alerts the caller may see, newest first: status active|raised|acknowledged|resolved, patient, severity, kind, time.");
        group.MapPost("/{id:guid}/acknowledge", Acknowledge).WithSummary("I am on it: reminders and escalation stop; every screen showing the alert hears who.");
        group.MapPost("/{id:guid}/resolve", Resolve).WithSummary("Resolves the alert by hand, with a note saying why.");
        group.MapGet("/{id:guid}/deliveries", ListDeliveries).WithSummary("Every page of the alert (or of the caller's test alarm) with its receipts: sent, delivered, read, acknowledged, failed.");
        group.MapGet("/preferences", GetPreferences).WithSummary("How the caller is notified of each severity.");
        group.MapPut("/preferences", SetPreferences).WithSummary("Sets how the caller is notified of each severity.");
        return app;
    }

    public static async Task<Results<Ok<List<AlertDto>>, ValidationProblem>> ListAlerts(CurrentUser user, FajmaDbContext db, OpenAlerts open, AlertJournal journal, PatientKeys keys,
        AuditLog audit, HttpContext http, CancellationToken cancellationToken, string? status = null, int? patientId = null, string? severity = null,
        string? kind = null, DateTimeOffset? from = null, DateTimeOffset? before = null, int? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        var activeOnly = status == "active";
        var parsedStatus = Parse<AlertStatus>(activeOnly ? null : status, "status", errors, "active, ");
        var parsedSeverity = Parse<AlertSeverity>(severity, "severity", errors);
        var parsedKind = Parse<AlertKind>(kind, "kind", errors);
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be from 1 to {MaxLimit}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlertsRead, patientId, detail: $"status={status} severity={severity} kind={kind}"), cancellationToken);
        var filter = new AlertFilter(activeOnly, parsedStatus, patientId, parsedSeverity, parsedKind, from, before, limit ?? 50);
        return TypedResults.Ok(await db.ListAsync(user, filter, open, journal, keys, cancellationToken));
    }

    public static async Task<Results<Ok<AlertDto>, ProblemHttpResult>> Acknowledge(Guid id, CurrentUser user, AlertLifecycle alerts, HttpContext http,
        CancellationToken cancellationToken)
    {
        var action = await alerts.AcknowledgeAsync(id, user, http, cancellationToken);
        return action.Alert is { } alert ? TypedResults.Ok(alert) : Refused(action);
    }

    public static async Task<Results<Ok<AlertDto>, ProblemHttpResult, ValidationProblem>> Resolve(Guid id, ResolveAlertRequest request, CurrentUser user,
        AlertLifecycle alerts, HttpContext http, CancellationToken cancellationToken)
    {
        var note = request?.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNoteLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [$"say why, in 1 to {MaxNoteLength} characters"] });
        var action = await alerts.ResolveAsync(id, note, user, http, cancellationToken);
        return action.Alert is { } alert ? TypedResults.Ok(alert) : Refused(action);
    }

    /// <summary>
    /// A care-team doctor sees every page of a patient's alert, an admin every page of a system alert; anyone sees the
    /// pages that were sent to them (a test alarm has no alert, only those).
    /// </summary>
    public static async Task<Results<Ok<List<PageDeliveryDto>>, NotFound>> ListDeliveries(Guid id, CurrentUser user, FajmaDbContext db, OpenAlerts open,
        PageDeliveries deliveries, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        var alert = open.Find(id) is { } live ? new { live.PatientId } : await db.Alerts.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.PatientId })
            .FirstOrDefaultAsync(cancellationToken);
        var all = alert is not null && (alert.PatientId is { } patientId ? user.IsDoctor && await db.CanSeeAsync(user, patientId, cancellationToken) : user.IsAdmin);
        var pages = await deliveries.ListAsync(id, all ? null : user.Id, cancellationToken);
        if (!all && pages.Count == 0) return TypedResults.NotFound();
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlertsRead, alert?.PatientId, $"alert:{id}", "deliveries"), cancellationToken);
        return TypedResults.Ok(pages);
    }

    public static async Task<Ok<List<AlertPreferenceDto>>> GetPreferences(CurrentUser user, FajmaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.PreferencesOfAsync(user.Id, cancellationToken));

    public static async Task<Results<Ok<List<AlertPreferenceDto>>, ValidationProblem>> SetPreferences(List<AlertPreferenceDto> preferences, CurrentUser user,
        FajmaDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<AlertPreference>();
        var current = (await db.PreferencesOfAsync(user.Id, cancellationToken)).ToDictionary(p => p.Severity);
        for (var i = 0; i < (preferences?.Count ?? 0); i++)
        {
            var given = preferences![i];
            if (Parse<AlertSeverity>(given.Severity, $"[{i}].severity", errors) is not { } severity) continue;
            var was = current[OpenAlert.Name(severity)];
            parsed.Add(new AlertPreference
            {
                UserId = user.Id, Severity = severity, Browser = given.Browser, Sound = given.Sound, Push = given.Push ?? was.Push!.Value,
                Sms = given.Sms ?? was.Sms!.Value, Voice = given.Voice ?? was.Voice!.Value, Email = given.Email ?? was.Email!.Value,
            });
        }
        if (parsed.GroupBy(p => p.Severity).Any(g => g.Count() > 1)) errors["severity"] = ["each severity at most once"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await db.SetPreferencesAsync(user.Id, parsed, cancellationToken);
        return TypedResults.Ok(await db.PreferencesOfAsync(user.Id, cancellationToken));
    }

    private static ProblemHttpResult Refused(AlertAction action) => action.Refusal switch
    {
        AlertActionRefusal.Conflict => TypedResults.Problem(title: "Alert already resolved", detail: action.Reason, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(title: "Alert not found", detail: action.Reason, statusCode: StatusCodes.Status404NotFound),
    };

    private static T? Parse<T>(string? text, string field, Dictionary<string, string[]> errors, string extra = "") where T : struct, Enum
    {
        if (text is null) return null;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0])) return value;
        errors[field] = [$"must be one of {extra}{string.Join(", ", Enum.GetValues<T>().Select(OpenAlert.Name))}"];
        return null;
    }
}
