namespace Fajma.Server.Consultations;

public sealed record InviteEvent(int ConsultationId, string DoctorName, DateTimeOffset At);
