using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using R4 = Hl7.Fhir.Model;
using Fajma.Server.Identity;

namespace Fajma.Server.Fhir;

/// <summary>
/// Under <c>/fhir/R4</c>, a refused request answers as FHIR clients read errors: the challenge or forbid of the API's own
/// authentication (status, WWW-Authenticate), then an OperationOutcome body. Everywhere else, the API's own answer
/// (<see cref="SecondFactorRefusal"/>, which says when a second factor is what is missing).
/// </summary>
public sealed class FhirAuthorizationResults(SecondFactorRefusal api) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded || !context.Request.Path.StartsWithSegments(FhirUris.Base))
        {
            await api.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var (status, code, diagnostics) = authorizeResult.Challenged
            ? (StatusCodes.Status401Unauthorized, R4.OperationOutcome.IssueType.Login, "sign in first: a Bearer access token from POST /api/v1/auth/login")
            : SecondFactorRefusal.IsSecondFactorOnly(authorizeResult)
                ? (StatusCodes.Status403Forbidden, R4.OperationOutcome.IssueType.Forbidden, "two-step sign-in required: enrol a second factor, then sign in with it")
                : (StatusCodes.Status403Forbidden, R4.OperationOutcome.IssueType.Forbidden, "patients and doctors only: admins read clinical data through break-glass, followers in their own screens");
        await _default.HandleAsync(_ => Task.CompletedTask, context, policy, authorizeResult); // the scheme's own challenge or forbid: status and headers
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        await FhirOutcomes.Outcome(status, code, diagnostics).ExecuteAsync(context);
    }
}
