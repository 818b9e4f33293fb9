using Fajma.Core.Vitals;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Observations.Reads;

public static class ObservationEndpoints
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapObservationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/patients/{patientId:int}/observations").WithTags("Observations").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", GetHistory)
            .WithSummary("A patient's observations, newest first, filtered by type and time, paged by cursor.");
        return app;
    }

    public static async Task<Results<Ok<ObservationPage>, ProblemHttpResult, ValidationProblem>> GetHistory(
        int patientId, CurrentUser user, FajmaDbContext db, PatientKeys keys, HttpContext http, AuditLog audit, CancellationToken cancellationToken,
        string? type = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null, string? cursor = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (type is not null && !VitalSigns.TryGetByWireName(type, out _))
            errors["type"] = [$"unknown type '{type}'; expected one of {VitalSigns.WireNames}"];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be from 1 to {MaxLimit}"];
        if (from is not null && to is not null && from > to) errors["from"] = ["must not be after 'to'"];
        HistoryCursor position = default;
        if (cursor is not null && !HistoryCursor.TryParse(cursor, out position)) errors["cursor"] = ["is not a cursor this endpoint returned"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ObservationsRead, patientId, detail: $"type={type} from={from:O} to={to:O}"), cancellationToken);
        // Not visible and not existing get the same answer: the caller learns nothing about other patients.
        if (!await db.CanSeeAsync(user, patientId, cancellationToken))
            return PatientProblems.NotFound(patientId);

        var window = new HistoryWindow(from, to, cursor is null ? null : position);
        var take = limit ?? DefaultLimit;
        var rows = type is null
            ? await window.Apply(db.Observations.Where(o => o.PatientId == patientId))
                .OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id).Take(take + 1).ReadAsync(keys, cancellationToken)
            : await db.NewestOfTypeAsync(keys, patientId, type, window, take + 1, cancellationToken);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            var last = rows[^1];
            next = new HistoryCursor(last.MeasuredAt.ToUnixTimeMilliseconds(), last.Id).ToString();
        }
        return TypedResults.Ok(new ObservationPage(rows, next));
    }
}
