namespace Fajma.Server.Storage;

/// <summary>
/// A third participant (interpreter, family member) invited by the doctor with a single-use, expiring link.
/// Only the link's SHA-256 is stored. Redeeming it creates the guest's account (no password) bound to this
/// consultation; the guest takes part in chat and video, and sees vitals only if the doctor allows it.
/// </summary>
public sealed class ConsultationGuest
{
    public int Id { get; set; }

    public int ConsultationId { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }

    /// <summary>The account created when the link was used.</summary>
    public int? GuestUserId { get; set; }

    public bool AllowVitals { get; set; }
}
