namespace Fajma.Server.Identity;

/// <summary>A 6-digit code from the authenticator app.</summary>
public sealed record MfaCodeRequest(string? Code);
