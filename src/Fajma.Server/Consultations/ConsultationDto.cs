namespace Fajma.Server.Consultations;

/// <summary>
/// A consultation as both sides see it; <see cref="State"/> in the seed's snake case (<c>iot_sync</c>). The note only once closed.
/// <see cref="RecordingConsent"/>: <c>not_asked</c>, <c>asked</c>, <c>given</c>, <c>refused</c>, <c>withdrawn</c>.
/// </summary>
public sealed record ConsultationDto(
    int Id,
    int PatientId,
    string PatientName,
    int DoctorId,
    string DoctorName,
    DateTimeOffset ScheduledAt,
    string Reason,
    string State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? FailureReason,
    string? Note,
    string RecordingConsent);
