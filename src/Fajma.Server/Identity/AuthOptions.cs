namespace Fajma.Server.Identity;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "fajma";

    public string Audience { get; set; } = "fajma-api";

    /// <summary>Short, so a stolen access token is worth little; the client refreshes silently.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Accepted difference between clocks when checking a token's times (set explicitly, not the 5-minute default).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PEM of the ECDSA P-256 signing key; when absent, one is generated on first start and kept in the data directory.</summary>
    public string? SigningKeyPem { get; set; }

    public int LockoutThreshold { get; set; } = 5;

    /// <summary>An admin account created at start when none exists (first run, benchmarks, tests); nothing is created when unset.</summary>
    public string? BootstrapAdminEmail { get; set; }

    public string? BootstrapAdminPassword { get; set; }

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Roles whose sessions must have passed a second factor (docs/mfa.md): until then every route but sign-in and enrolment
    /// answers 403 <c>mfa_enrolment_required</c>. Empty by default (tests, the demo); the production image sets admin and doctor.
    /// Blank entries are ignored, so a deployment can blank the image's defaults.
    /// </summary>
    public string[] RequireMfaFor { get; set; } = [];

    /// <summary>Whether a session of <paramref name="role"/> needs a passed second factor.</summary>
    public bool RequiresSecondFactor(string role) => RequireMfaFor.Any(r => string.Equals(r.Trim(), role, StringComparison.OrdinalIgnoreCase));

    /// <summary>At start: only roles that can enrol a second factor may be required to have one.</summary>
    public void ValidateRequireMfaFor()
    {
        string[] enrollable = [Roles.Admin, Roles.Doctor];
        var unknown = RequireMfaFor.Where(r => !string.IsNullOrWhiteSpace(r) && !enrollable.Contains(r.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"Auth:RequireMfaFor names {string.Join(", ", unknown.Select(r => $"'{r}'"))}: only {string.Join(" and ", enrollable)} accounts can enrol a second factor.");
    }

    /// <summary>How long an administrator's password-reset link works (once).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(24);
}
