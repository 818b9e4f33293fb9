namespace Fajma.Server.Consultations;

/// <summary>
/// Who and when, for an invitation: names and addresses, no clinical content (not the reason for the visit).
/// <paramref name="People"/>: the accounts of the doctor and the patient, whose browsers a reminder is pushed to.
/// </summary>
public sealed record VisitInvitationFacts(int ConsultationId, DateTimeOffset ScheduledAt, TimeSpan Length, int Sequence, bool Cancelled,
    string DoctorName, string DoctorEmail, IReadOnlyList<(string Name, string Email)> Patients, Uri JoinLink, IReadOnlyList<int>? People = null);
