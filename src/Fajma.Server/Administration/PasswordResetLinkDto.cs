namespace Fajma.Server.Administration;

/// <summary>
/// An issued reset link. Mailed to the account when mail is configured (<see cref="Link"/> then null: it reaches only its
/// owner); otherwise, as in the demo, shown to the administrator to hand over.
/// </summary>
public sealed record PasswordResetLinkDto(string? Link, DateTimeOffset ExpiresAt, bool Mailed);
