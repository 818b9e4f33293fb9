namespace Fajma.Server.Storage;

/// <summary>One single-use recovery code of a user's second factor; only its SHA-256 is stored (the code is 50 random bits).</summary>
public sealed class MfaRecoveryCode
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
