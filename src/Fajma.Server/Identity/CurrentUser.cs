using System.Globalization;
using System.Security.Claims;

namespace Fajma.Server.Identity;

/// <summary>Who is calling, read once from the validated access token.</summary>
public sealed record CurrentUser(int Id, string Role, int? PatientId)
{
    public bool IsDoctor => Role == Roles.Doctor;

    public bool IsPatient => Role == Roles.Patient;

    public bool IsAdmin => Role == Roles.Admin;

    public bool IsFollower => Role == Roles.Follower;

    /// <summary>Lets handlers take a <see cref="CurrentUser"/> parameter; the route group guarantees a signed-in caller.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    /// <summary>The per-user rate limits' partition: the account id, or null for an anonymous caller.</summary>
    public static string? RateLimitKey(HttpContext http) => From(http.User)?.Id.ToString(CultureInfo.InvariantCulture);

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(principal.FindFirstValue(FajmaClaims.Subject), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || principal.FindFirstValue(FajmaClaims.Role) is not { } role) return null;
        int? patientId = int.TryParse(principal.FindFirstValue(FajmaClaims.PatientId), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        return new CurrentUser(id, role, patientId);
    }
}
