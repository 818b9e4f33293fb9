using Fajma.Server.Identity;
using Fajma.Server.Privacy;

namespace Fajma.Server.Fhir;

/// <summary>One audit row per request and per patient whose record went out (never one per resource).</summary>
public static class FhirAudit
{
    public static async Task RecordAsync(AuditLog audit, HttpContext http, string action, IEnumerable<int> patientIds, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(http);
        var detail = $"{http.Request.Path}{http.Request.QueryString}";
        if (detail.Length > 500) detail = detail[..500];
        foreach (var patientId in patientIds.Distinct().Order())
            await audit.RecordAsync(AuditRecord.By(http, action, patientId, target: what, detail: detail), cancellationToken);
    }
}
