using Fajma.Server.Privacy;

namespace Fajma.Server.Identity;

/// <summary>
/// The audit trail's word for the caller of a request or hub connection. Identity reads the caller, so it adds these
/// to Privacy's records, which sit a floor lower and know no account.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1708", Justification = "The analyzer counts the two extension blocks as members named alike.")]
public static class AuditCaller
{
    extension(AuditActor)
    {
        public static AuditActor Of(HttpContext http)
        {
            ArgumentNullException.ThrowIfNull(http);
            var user = CurrentUser.From(http.User);
            return new AuditActor(user?.Id, user?.Role, http.Connection.RemoteIpAddress?.ToString());
        }
    }

    extension(AuditRecord)
    {
        /// <summary>An action by the caller of an HTTP request or hub connection.</summary>
        public static AuditRecord By(HttpContext http, string action, int? patientId = null, string? target = null, string? detail = null) =>
            AuditActor.Of(http).Did(action, patientId, target, detail);
    }
}
