using Microsoft.AspNetCore.Diagnostics;

namespace Fajma.Server.Privacy;

/// <summary>Answers a broken seal with a 500 problem that names the record, so it can be found and restored from backup.</summary>
public sealed partial class SealBrokenHandler(IProblemDetailsService problems, ILogger<SealBrokenHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not SealBrokenException broken) return false;
        LogBroken(broken.What);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Title = "Stored data failed its integrity check", Detail = broken.Message, Status = StatusCodes.Status500InternalServerError },
        });
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "{What} failed AES-GCM authentication: altered at rest, or the wrong key")]
    private partial void LogBroken(string what);
}
