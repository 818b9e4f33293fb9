namespace Fajma.Server.Identity;

/// <summary>A new access token (short-lived JWT) and the next refresh token of the session.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt, UserDto User);
