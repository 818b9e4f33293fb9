namespace Fajma.Server.Privacy;

public sealed record AuditEntryDto(long Id, DateTimeOffset At, int? ActorId, string? ActorRole, string Action, int? PatientId,
    string? Target, string? Source, string? Detail, string Hash);
