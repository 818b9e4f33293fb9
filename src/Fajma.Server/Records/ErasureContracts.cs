namespace Fajma.Server.Records;

/// <summary>Filing an erasure request: why (required, at most 1,000 characters).</summary>
public sealed record ErasureRequestBody(string? Reason);

/// <summary>An admin's decision: approve (erase now) or refuse, and why (required).</summary>
public sealed record ErasureDecisionBody(bool? Approve, string? Reason);

/// <summary>
/// An erasure request as shown to the patient and to admins. <see cref="HoldEndsAt"/> and <see cref="Permitted"/>: the legal hold as
/// it stands now for a pending request, as the decision found it for a decided one.
/// </summary>
public sealed record ErasureRequestDto(int Id, int PatientId, string PatientName, DateTimeOffset RequestedAt, string RequestedBy, string Reason, string Status,
    DateTimeOffset? DecidedAt, string? DecidedBy, string? DecisionReason, DateTimeOffset? HoldEndsAt, bool Permitted, string Ground);
