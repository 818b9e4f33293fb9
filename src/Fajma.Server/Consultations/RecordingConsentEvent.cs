namespace Fajma.Server.Consultations;

/// <summary>The patient's consent to recording changed (asked, given, refused, withdrawn), to every participant in the room.</summary>
public sealed record RecordingConsentEvent(int ConsultationId, string Consent, DateTimeOffset At);
