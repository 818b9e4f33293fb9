namespace Fajma.Server.Consultations;

public sealed record ChatReadEvent(int ConsultationId, int UserId, long Sequence);
