namespace Fajma.Server.Identity;

/// <summary>
/// A new access token (short-lived JWT) and the next refresh token of the session. <paramref name="MfaEnrolmentRequired"/>:
/// the role must pass a second factor (Auth:RequireMfaFor) and this session has not — only enrolment is open to it.
/// </summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt, UserDto User, bool MfaEnrolmentRequired = false);
