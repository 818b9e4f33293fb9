namespace Fajma.Server.Identity;

/// <summary>A password-reset link's token and the new password.</summary>
public sealed record PasswordResetRequest(string Token, string NewPassword);
