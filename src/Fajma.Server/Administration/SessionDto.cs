namespace Fajma.Server.Administration;

/// <summary>One sign-in session of an account: <see cref="Active"/> while its refresh token still works.</summary>
public sealed record SessionDto(Guid Id, DateTimeOffset StartedAt, DateTimeOffset LastRefreshedAt, DateTimeOffset ExpiresAt, bool Active);
