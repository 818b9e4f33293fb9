namespace Fajma.Server.Consultations;

public sealed record RescheduleRequest(DateTimeOffset ScheduledAt);
