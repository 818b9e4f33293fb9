namespace Fajma.Server.Identity;

/// <summary>The password was right; the sign-in completes with a code and this challenge (<c>POST /api/v1/auth/mfa</c>) before it expires.</summary>
public sealed record MfaChallengeDto(bool MfaRequired, string Challenge, DateTimeOffset ExpiresAt);
