namespace Fajma.Server.Storage;

/// <summary>
/// A user's TOTP second factor (RFC 6238). The shared secret is sealed under the platform key; <see cref="LastStep"/> is the
/// last 30-second step a code was accepted for, so the same code (or an older one) is never accepted twice.
/// </summary>
public sealed class UserMfa
{
    public int UserId { get; set; }

    public required byte[] SealedSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while enrolment waits for its first code: until then sign-in does not ask for one.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    public long LastStep { get; set; }
}
