namespace Fajma.Server.Consultations;

public sealed record ParticipantsChangedEvent(int ConsultationId, IReadOnlyList<ParticipantDto> Participants);
