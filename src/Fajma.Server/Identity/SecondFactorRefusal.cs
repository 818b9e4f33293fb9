using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Fajma.Server.Identity;

/// <summary>
/// A signed-in caller refused only for lacking a required second factor gets a 403 that says so and what to do (the web app
/// opens the enrolment page on it); every other refusal is answered as before. Hub negotiation included.
/// </summary>
public sealed class SecondFactorRefusal : IAuthorizationMiddlewareResultHandler
{
    public const string Code = "mfa_enrolment_required";

    public const string Type = "urn:fajma:problem:" + Code;

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (IsSecondFactorOnly(authorizeResult))
        {
            await TypedResults.Problem(
                title: "Two-step sign-in required",
                detail: "Your organisation requires two-step sign-in for this account. Turn it on (POST /api/v1/auth/mfa/enrolment, then "
                    + "/confirm, which answers new tokens), or if it is on, sign in again with your code.",
                statusCode: StatusCodes.Status403Forbidden, type: Type,
                extensions: new Dictionary<string, object?> { ["code"] = Code }).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>Refused for the missing second factor alone: signed in, and every other requirement met.</summary>
    public static bool IsSecondFactorOnly(PolicyAuthorizationResult authorizeResult) =>
        (authorizeResult ?? throw new ArgumentNullException(nameof(authorizeResult))).Forbidden
        && authorizeResult.AuthorizationFailure is { FailCalled: false, FailedRequirements: var failed }
        && failed.Any() && failed.All(r => r is SecondFactorRequirement);
}
