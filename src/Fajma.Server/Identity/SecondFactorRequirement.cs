using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Identity;

/// <summary>A session of a role <see cref="AuthOptions.RequireMfaFor"/> names has passed a second factor (the <c>amr</c> claim).</summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement;

/// <summary>
/// Meets <see cref="SecondFactorRequirement"/> unless the role requires a factor the token does not show. It never fails
/// explicitly: left pending alone, the requirement tells <see cref="SecondFactorRefusal"/> what to answer.
/// </summary>
public sealed class SecondFactorHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var role = context.User.FindFirst(FajmaClaims.Role)?.Value;
        var passed = context.User.HasClaim(FajmaClaims.AuthenticationMethods, FajmaClaims.SecondFactorMethod);
        if (role is null || passed || !options.CurrentValue.RequiresSecondFactor(role)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
