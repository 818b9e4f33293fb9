namespace Fajma.Server.Storage;

/// <summary>A single-use, expiring password-reset link an administrator issued; only its SHA-256 is stored.</summary>
public sealed class PasswordResetToken
{
    public long Id { get; set; }

    public int UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The administrator who issued it.</summary>
    public int IssuedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
