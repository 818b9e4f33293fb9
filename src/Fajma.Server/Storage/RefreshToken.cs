namespace Fajma.Server.Storage;

/// <summary>
/// One refresh token of a sign-in session (<see cref="FamilyId"/>). Only its SHA-256 is stored. Each
/// refresh spends the token and issues the next of the family; presenting a spent one means it was
/// stolen or replayed, and revokes the whole family.
/// </summary>
public sealed class RefreshToken
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public Guid FamilyId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
