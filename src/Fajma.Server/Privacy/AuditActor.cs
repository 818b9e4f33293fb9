namespace Fajma.Server.Privacy;

/// <summary>
/// Who acted, as the audit trail names them: a signed-in user from a network address (<c>AuditActor.Of(http)</c>, given by
/// Identity, which reads the caller), or an operator command.
/// </summary>
public sealed record AuditActor(int? Id, string? Role, string? Source)
{
    /// <summary>An operator at the server's console (<c>fajma devices …</c>): no account, the command is the source.</summary>
    public static AuditActor Console(string command) => new(null, "operator", command);

    public AuditRecord Did(string action, int? patientId = null, string? target = null, string? detail = null) =>
        new(action, Id, Role, patientId, target, Source, detail);
}
