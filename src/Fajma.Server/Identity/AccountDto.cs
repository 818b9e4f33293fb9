namespace Fajma.Server.Identity;

/// <summary>An account as the administration list shows it: who, what role, whether locked, when last signed in, whether it signs in in two steps.</summary>
public sealed record AccountDto(int Id, string Email, string DisplayName, string Role, int? PatientId, bool Locked, DateTimeOffset? LockedAt,
    DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, bool TwoStep);
