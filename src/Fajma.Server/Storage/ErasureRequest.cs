namespace Fajma.Server.Storage;

/// <summary>
/// A request to erase a patient's record (GDPR Art. 17), filed by the patient or an admin on their behalf and decided by an
/// admin who did not file it. Holds no clinical content: the reasons are the requester's and the decider's words.
/// </summary>
public sealed class ErasureRequest
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public int RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public required string Reason { get; set; }

    /// <summary><c>pending</c>, <c>approved</c> (erased), or <c>refused</c>.</summary>
    public required string Status { get; set; }

    public int? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>Inside a legal hold: when it ends, as the decision found it.</summary>
    public DateTimeOffset? HoldEndsAt { get; set; }
}
