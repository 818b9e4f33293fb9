namespace Fajma.Server.Privacy;

/// <summary>What to write to the audit trail; the log adds the time, the id and the chain hash. <c>AuditRecord.By(http, …)</c> comes from Identity.</summary>
public sealed record AuditRecord(string Action, int? ActorId, string? ActorRole, int? PatientId, string? Target, string? Source, string? Detail)
;
