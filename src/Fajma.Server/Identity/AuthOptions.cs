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

    /// <summary>How long an administrator's password-reset link works (once).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(24);
}
