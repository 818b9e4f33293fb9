namespace Fajma.Server.Consultations;

/// <summary>A doctor books a consultation with a patient of their care team.</summary>
public sealed record ScheduleConsultationRequest(int PatientId, DateTimeOffset ScheduledAt, string? Reason);
