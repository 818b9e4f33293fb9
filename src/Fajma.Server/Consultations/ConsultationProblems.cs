using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Consultations;

/// <summary>The answers shared by the consultation endpoints, written once.</summary>
public static class ConsultationProblems
{
    /// <summary>The same answer whether the consultation does not exist or the caller takes no part in it.</summary>
    public static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(title: "Consultation not found", detail: $"consultation {id} does not exist or you do not take part in it", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A consultation is booked from a few minutes ago (a doctor starting "now") up to a year ahead.</summary>
    public static string? ScheduleError(DateTimeOffset scheduledAt, DateTimeOffset now) =>
        scheduledAt < now.AddMinutes(-5) || scheduledAt > now.AddYears(1) ? "must be between now and a year from now" : null;
}
