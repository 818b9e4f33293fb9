namespace Fajma.Server.Consultations;

public sealed record StateChangedEvent(int ConsultationId, string From, string To, string Trigger, string ByRole, DateTimeOffset At, string? Reason);
