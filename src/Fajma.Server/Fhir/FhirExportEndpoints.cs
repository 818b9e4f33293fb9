using System.Globalization;
using System.Text.Json.Nodes;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>
/// FHIR Bulk Data Access (hl7.org/fhir/uv/bulkdata, async pattern): kick-off on a patient or a care team (Group),
/// 202 and a status URL; polls answer 202 with X-Progress until the manifest (200); the ndjson files are the requester's only.
/// </summary>
public static class FhirExportEndpoints
{
    public const string StatusPath = "/$export-status";
    public const string FilePath = "/$export-file";

    public static RouteGroupBuilder MapFhirExport(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/Patient/{id}/$export", PatientExport).WithSummary("Bulk Data export of one patient's record (Prefer: respond-async).");
        group.MapGet("/Group/{id}/$export", GroupExport).WithSummary("Bulk Data export of a doctor's care team (Group id = the doctor's user id).");
        group.MapGet(StatusPath + "/{job:guid}", Status).WithSummary("An export's status: 202 with X-Progress, then 200 with the manifest.");
        group.MapDelete(StatusPath + "/{job:guid}", Cancel).WithSummary("Cancel an export, or delete its files.");
        group.MapGet(FilePath + "/{job:guid}/{type}", File).WithSummary("One ndjson file of a finished export.");
        return group;
    }

    public static async Task<IResult> PatientExport(string id, HttpContext http, CurrentUser user, FajmaDbContext db, FhirExportJobs jobs, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var patientId) || !await db.CanSeeAsync(user, patientId, cancellationToken))
            return FhirOutcomes.NotFound(FhirResourceTypes.Patient, id);
        return await KickOffAsync(http, user, [patientId], jobs, audit, cancellationToken);
    }

    /// <summary>A Group is a doctor's care team: its doctor exports it; anyone else finds no such group.</summary>
    public static async Task<IResult> GroupExport(string id, HttpContext http, CurrentUser user, FhirReader reader, FhirExportJobs jobs, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!user.IsDoctor || id != user.Id.ToString(CultureInfo.InvariantCulture)) return FhirOutcomes.NotFound(FhirResourceTypes.Group, id);
        return await KickOffAsync(http, user, await reader.CareTeamAsync(user.Id, cancellationToken), jobs, audit, cancellationToken);
    }

    private static async Task<IResult> KickOffAsync(HttpContext http, CurrentUser user, IReadOnlyList<int> patientIds, FhirExportJobs jobs, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!request.Headers["Prefer"].Any(p => p?.Contains("respond-async", StringComparison.OrdinalIgnoreCase) == true))
            return Invalid("Prefer", "a Bulk Data kick-off needs the header 'Prefer: respond-async'");
        foreach (var name in request.Query.Keys)
        {
            if (name is not ("_type" or "_since" or "_outputFormat"))
                return FhirOutcomes.BadParameter(new FhirParameterError(name, "is not an export parameter here; supported: _type, _since, _outputFormat", Unknown: true));
        }
        if (request.Query["_outputFormat"].FirstOrDefault() is { } format && format is not ("application/fhir+ndjson" or "application/ndjson" or "ndjson"))
            return Invalid("_outputFormat", $"'{format}' is not served; ask for application/fhir+ndjson");
        var types = FhirResourceTypes.PatientCompartment.ToList();
        if (request.Query["_type"].Count > 0)
        {
            types = [.. request.Query["_type"].SelectMany(t => (t ?? "").Split(',')).Distinct()];
            if (types.FirstOrDefault(t => !FhirResourceTypes.PatientCompartment.Contains(t)) is { } unknown)
                return Invalid("_type", $"'{unknown}' is not exported; one or more of {string.Join(", ", FhirResourceTypes.PatientCompartment)}");
        }
        DateTimeOffset? since = null;
        if (request.Query["_since"].FirstOrDefault() is { } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return Invalid("_since", $"'{sinceText}' is not an instant (e.g. 2026-03-01T00:00:00Z)");
            since = parsed;
        }
        var job = jobs.Start(user, $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}", patientIds, types, since);
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirExport, patientIds, "$export requested", cancellationToken);
        http.Response.Headers.ContentLocation = $"{FhirBundles.BaseUrl(request)}{StatusPath}/{job.Id}";
        return FhirJson.Result(new R4.OperationOutcome
        {
            Issue = [new() { Severity = R4.OperationOutcome.IssueSeverity.Information, Code = R4.OperationOutcome.IssueType.Informational, Diagnostics = "export started" }],
        }, StatusCodes.Status202Accepted);
    }

    private static IResult Invalid(string parameter, string message) => FhirOutcomes.BadParameter(new FhirParameterError(parameter, message));

    public static IResult Status(Guid job, HttpContext http, CurrentUser user, FhirExportJobs jobs)
    {
        if (jobs.Find(job, user) is not { } found) return FhirOutcomes.ExportNotHere(job);
        if (found.Error is { } error)
            return FhirOutcomes.Outcome(StatusCodes.Status500InternalServerError, R4.OperationOutcome.IssueType.Exception, error);
        if (!found.Done)
        {
            http.Response.Headers["X-Progress"] = $"{found.Written.Count} of {found.Types.Count} types written";
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Accepted((string?)null);
        }
        http.Response.Headers.Expires = found.ExpiresAt.ToString("R", CultureInfo.InvariantCulture);
        var baseUrl = FhirBundles.BaseUrl(http.Request);
        var manifest = new JsonObject
        {
            ["transactionTime"] = found.TransactionTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["request"] = found.Request,
            ["requiresAccessToken"] = true,
            ["output"] = new JsonArray([.. found.Types.Where(t => found.Written.GetValueOrDefault(t) > 0).Select(t => (JsonNode)new JsonObject
            {
                ["type"] = t,
                ["url"] = $"{baseUrl}{FilePath}/{found.Id}/{t}",
                ["count"] = found.Written[t],
            })]),
            ["error"] = new JsonArray(),
        };
        return TypedResults.Text(manifest.ToJsonString(), "application/json");
    }

    public static IResult Cancel(Guid job, CurrentUser user, FhirExportJobs jobs)
    {
        if (jobs.Find(job, user) is not { } found) return FhirOutcomes.ExportNotHere(job);
        jobs.Remove(found);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<IResult> File(Guid job, string type, HttpContext http, CurrentUser user, FhirExportJobs jobs, AuditLog audit, CancellationToken cancellationToken)
    {
        if (jobs.Find(job, user) is not { Done: true, Error: null } found || !found.Written.ContainsKey(type) || !System.IO.File.Exists(found.FileOf(type)))
            return FhirOutcomes.NotFound("$export file", $"{job}/{type}");
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirExport, found.PatientIds, $"$export file {type}", cancellationToken);
        return TypedResults.PhysicalFile(found.FileOf(type), FhirJson.NdjsonContentType);
    }
}
