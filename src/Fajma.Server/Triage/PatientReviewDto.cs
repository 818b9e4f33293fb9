namespace Fajma.Server.Triage;

/// <summary>Who marked the patient reviewed, when, and what they noted.</summary>
public sealed record PatientReviewDto(int PatientId, int DoctorId, string DoctorName, DateTimeOffset At, string? Note);
