namespace Fajma.Server.Storage;

/// <summary>A sign-in whose password was right and whose second factor is awaited: short-lived, single-use, only its SHA-256 stored.</summary>
public sealed class MfaChallenge
{
    public required string ChallengeHash { get; set; }

    public int UserId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int Failures { get; set; }
}
