namespace Fajma.Server.Identity;

/// <summary>The second step of a sign-in: the challenge and either a TOTP code or one recovery code.</summary>
public sealed record MfaSignInRequest(string? Challenge, string? Code, string? RecoveryCode);
