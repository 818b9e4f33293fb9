using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Fajma.Server.Platform;

/// <summary>
/// Answers a request the route handler could not bind — a body that is not JSON, a value of the wrong type, a query
/// value that does not parse — with a validation problem naming the field, as every handler's own checks do. Without
/// it minimal APIs answer a bare 400 that tells the caller nothing (RouteHandlerOptions.ThrowOnBadRequest routes the
/// failure here).
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The key under which a body that is not JSON at all is reported, as the ingestion endpoint does.</summary>
    public const string Body = "$";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad) return false;
        var (field, message) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read" : ReasonOf(bad.StatusCode),
                Status = bad.StatusCode,
            },
        });
    }

    /// <summary>The field to name and what is wrong with it, without echoing the caller's value back.</summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            // A syntax error's path is only where the reader gave up: it names no field the caller wrote wrong.
            if (json.InnerException?.GetType().Name == "JsonReaderException")
                return (Body, $"The body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).");
            var path = json.Path is null or "$" ? Body : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
            return (path, "This value has the wrong type or format.");
        }
        if (ParameterName().Match(bad.Message) is { Success: true } named)
            return (bad.Message.Contains("from body", StringComparison.Ordinal) ? Body : named.Groups["name"].Value, bad.Message.Contains("was not provided", StringComparison.Ordinal)
                ? "This value is required."
                : "This value has the wrong type or format.");
        return (Body, bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "The body must be JSON (Content-Type: application/json)." : "The request could not be read.");
    }

    private static string ReasonOf(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    // Minimal APIs name the parameter as "Type name" in their binding messages, e.g. Failed to bind parameter "int days".
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
