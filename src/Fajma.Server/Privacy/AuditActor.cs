namespace Fajma.Server.Privacy;

/// <summary>Who acted, as the audit trail names them: a signed-in user from a network address, or an operator command.</summary>
public sealed record AuditActor(int? Id, string? Role, string? Source)
{
    /// <summary>An operator at the server's console (<c>fajma devices …</c>): no account, the command is the source.</summary>
    public static AuditActor Console(string command) => new(null, "operator", command);

    public static AuditActor Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = Identity.CurrentUser.From(http.User);
        return new AuditActor(user?.Id, user?.Role, http.Connection.RemoteIpAddress?.ToString());
    }

    public AuditRecord Did(string action, int? patientId = null, string? target = null, string? detail = null) =>
        new(action, Id, Role, patientId, target, Source, detail);
}
