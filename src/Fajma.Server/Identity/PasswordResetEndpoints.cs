using System.Globalization;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Identity;

/// <summary><c>POST /api/v1/auth/password-reset</c>: the public end of an administrator's reset link.</summary>
public static class PasswordResetEndpoints
{
    public static IEndpointRouteBuilder MapPasswordResetEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous, like sign-in: limited per IP; the token is 256 random bits.
        app.MapPost("/api/v1/auth/password-reset", ResetPassword).WithTags("Authentication").AllowAnonymous().RequireRateLimiting(RateLimiting.Login)
            .WithSummary("Spends a password-reset link: sets the new password and ends every session of the account.");
        return app;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPassword(
        PasswordResetRequest request, PasswordResets resets, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        if ((request.NewPassword?.Length ?? 0) < UserEndpoints.MinimumPasswordLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [$"must be at least {UserEndpoints.MinimumPasswordLength} characters"] });
        if (request.NewPassword!.Length > 256)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = ["at most 256 characters"] });
        var user = string.IsNullOrEmpty(request.Token) || request.Token.Length > 100 ? null : await resets.RedeemAsync(request.Token, request.NewPassword, cancellationToken);
        var source = http.Connection.RemoteIpAddress?.ToString();
        if (user is null)
        {
            await audit.RecordAsync(new AuditRecord(AuditActions.PasswordResetRefused, null, null, null, null, source, "unknown, spent or expired link"), cancellationToken);
            return TypedResults.Problem(title: "This reset link cannot be used",
                detail: "the link was already used, has expired, or does not exist; ask an administrator for a new one", statusCode: StatusCodes.Status400BadRequest);
        }
        await audit.RecordAsync(new AuditRecord(AuditActions.PasswordResetUsed, user.Id, user.Role, null, user.Id.ToString(CultureInfo.InvariantCulture), source,
            "password set; every session ended"), cancellationToken);
        return TypedResults.NoContent();
    }
}
