namespace Fajma.Server.Storage;

/// <summary>
/// A patient lets a family member or caregiver follow them. Starts as an invitation (single-use, expiring link; only its
/// SHA-256 is kept), becomes active when redeemed by a follower account, ends when the patient revokes it. The patient
/// sets what the follower sees; the follower sets when they are paged.
/// </summary>
public sealed class Follow
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    /// <summary>How the patient names them ("Awa", "my daughter").</summary>
    public required string Name { get; set; }

    public required string Relationship { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }

    /// <summary>The follower account that used the link; one account may follow several patients.</summary>
    public int? FollowerUserId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    // What the patient lets them see.
    public bool ShareVitals { get; set; }

    public bool ShareAlerts { get; set; }

    /// <summary>How far back the follower sees vitals, in hours.</summary>
    public int HistoryHours { get; set; }

    // When the follower wants to be paged (Fajma.Core.Follow.FollowerAlertSettings).
    public bool PageCritical { get; set; }

    public bool PageMajor { get; set; }

    public bool PageWarning { get; set; }

    public int PageDelayMinutes { get; set; }
}
