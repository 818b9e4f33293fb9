using Fajma.Core.OnCall;
using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fajma.Server.OnCall;

/// <summary><c>/api/v1/oncall/me</c>: a doctor's own on-call, for the header of the web app.</summary>
public static class OnCallEndpoints
{
    public static readonly Duration LookAhead = Duration.FromDays(14);
    public const int MaxNextShifts = 5;

    public static IEndpointRouteBuilder MapOnCallEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/oncall/me", Mine).WithTags("On call").RequireAuthorization(Policies.Doctor).RequireRateLimiting(RateLimiting.User)
            .WithSummary("Am I on call now, until when, and my next shifts over the coming fortnight.");
        return app;
    }

    public static async Task<Ok<MyOnCallDto>> Mine(CurrentUser user, OnCallRoster roster, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var mine = new List<(RotaEntry Rota, OnCallSpan Span)>();
        foreach (var rota in await roster.RotasAsync(cancellationToken))
            mine.AddRange(OnCallTimeline.Between(rota.Schedule, now, now + LookAhead).Where(s => s.DoctorId == user.Id && s.Start < now + LookAhead).Select(s => (rota, s)));
        var current = mine.Where(m => m.Span.Contains(now)).OrderByDescending(m => m.Span.End).FirstOrDefault();
        var next = mine.Where(m => m.Span.Start > now).OrderBy(m => m.Span.Start).Take(MaxNextShifts)
            .Select(m => new MyShiftDto(m.Rota.Id, m.Rota.Name, m.Rota.TimeZone, m.Span.Start.ToDateTimeOffset(), m.Span.End.ToDateTimeOffset()));
        return TypedResults.Ok(new MyOnCallDto(current.Span is not null, current.Span?.End.ToDateTimeOffset(), current.Rota?.Name, [.. next]));
    }
}
