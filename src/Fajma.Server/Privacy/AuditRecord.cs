namespace Fajma.Server.Privacy;

/// <summary>What to write to the audit trail; the log adds the time, the id and the chain hash.</summary>
public sealed record AuditRecord(string Action, int? ActorId, string? ActorRole, int? PatientId, string? Target, string? Source, string? Detail)
{
    /// <summary>An action by the caller of an HTTP request or hub connection.</summary>
    public static AuditRecord By(HttpContext http, string action, int? patientId = null, string? target = null, string? detail = null) =>
        AuditActor.Of(http).Did(action, patientId, target, detail);
}
