using Fajma.Core.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Ingestion;

/// <summary>How a refused message is answered over HTTP: a problem-details body naming every field; "busy" with when to come back.</summary>
internal static class RejectionResults
{
    public static int StatusCode(RejectionReason reason) => reason switch
    {
        RejectionReason.Malformed => StatusCodes.Status400BadRequest,
        RejectionReason.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectionReason.Unauthenticated => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static ProblemHttpResult ToProblem(MessageRejection rejection)
    {
        var errors = rejection.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var title = rejection.Reason switch
        {
            RejectionReason.Malformed => "The message is not valid JSON of a known format",
            RejectionReason.TooLarge => "The message is too large",
            RejectionReason.UnknownDevice => "The device is not registered for this message",
            RejectionReason.Unauthenticated => "The message is not signed by its device",
            _ => "The message has invalid fields",
        };
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCode(rejection.Reason),
            Title = title,
            Detail = rejection.Summary,
        });
    }

    /// <summary>503 with Retry-After: nothing was taken, the device keeps the message and sends it again after the delay.</summary>
    public static ProblemHttpResult Busy(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "The server is busy", statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: $"Nothing was stored. Keep the message and send it again in {seconds} s (Retry-After).");
    }
}
