using Fajma.Server.Identity;
using Fajma.Server.Privacy;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>
/// <c>/fhir/R4</c>: the capability statement (anonymous, as FHIR servers publish it), read and search of the served types,
/// and a patient's <c>$everything</c>. Patients and doctors only; what each sees is <see cref="FhirReader"/>'s.
/// </summary>
public static class FhirEndpoints
{
    public static RouteGroupBuilder MapFhirGroup(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{FhirUris.Base}/metadata", Metadata).AllowAnonymous().WithTags("FHIR").WithSummary("The FHIR R4 CapabilityStatement: what this server implements.");
        var group = app.MapGroup(FhirUris.Base).WithTags("FHIR").RequireAuthorization(p => p.RequireRole(Roles.Patient, Roles.Doctor))
            .RequireRateLimiting(Platform.RateLimiting.User);
        group.MapGet("/{type}", Search).WithSummary("Search a resource type; a searchset Bundle paged by _count.");
        group.MapGet("/{type}/{id}", Read).WithSummary("Read one resource.");
        group.MapGet("/Patient/{id}/$everything", Everything).WithSummary("Everything about the patient (GDPR Art. 15/20): a searchset Bundle paged by _count.");
        // An unknown FHIR path is a FHIR 404, never the web app's page.
        app.MapFallback($"{FhirUris.Base}/{{**path}}", () => FhirOutcomes.Outcome(StatusCodes.Status404NotFound, R4.OperationOutcome.IssueType.NotSupported,
            "no such FHIR interaction here (see /fhir/R4/metadata)")).AllowAnonymous().ExcludeFromDescription();
        return group;
    }

    public static IResult Metadata(HttpRequest request) => FhirJson.Result(FhirCapability.Statement(FhirBundles.BaseUrl(request)));

    public static async Task<IResult> Search(string type, HttpContext http, CurrentUser user, FhirReader reader, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!FhirResourceTypes.SearchParameters.TryGetValue(type, out var allowed)) return FhirOutcomes.UnknownType(type);
        if (FhirQuery.TryParse(type, http.Request.Query, allowed, Strict(http.Request), out var query) is { } error) return FhirOutcomes.BadParameter(error);
        var page = await reader.SearchAsync(user, query, cancellationToken);
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirRead, page.PatientIds, type, cancellationToken);
        return FhirJson.Result(FhirBundles.SearchSet(http.Request, query, page));
    }

    /// <summary>FHIR's <c>Prefer: handling=strict</c>: refuse what is not served rather than ignore it with a warning.</summary>
    private static bool Strict(HttpRequest request) =>
        request.Headers["Prefer"].Any(p => p is not null && p.Split(',', ';').Any(v => v.Trim().Equals("handling=strict", StringComparison.OrdinalIgnoreCase)));

    public static async Task<IResult> Read(string type, string id, HttpContext http, CurrentUser user, FhirReader reader, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!FhirResourceTypes.SearchParameters.ContainsKey(type)) return FhirOutcomes.UnknownType(type);
        var page = await reader.SearchAsync(user, new FhirQuery(type) { Ids = [id], Count = 1 }, cancellationToken);
        if (page.Resources.Count == 0) return FhirOutcomes.NotFound(type, id);
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirRead, page.PatientIds, type, cancellationToken);
        return FhirJson.Result(page.Resources[0]);
    }

    /// <summary>Every resource of the patient's compartment served here, a searchset paged by <c>_count</c> like a search.</summary>
    public static async Task<IResult> Everything(string id, HttpContext http, CurrentUser user, FhirReader reader, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var patientId))
            return FhirOutcomes.NotFound(FhirResourceTypes.Patient, id);
        if (FhirQuery.TryParse("$everything", http.Request.Query, [], Strict(http.Request), out var query, FhirQuery.Everything) is { } error)
            return FhirOutcomes.BadParameter(error);
        if (await reader.EverythingAsync(user, patientId, query, cancellationToken) is not { } page) return FhirOutcomes.NotFound(FhirResourceTypes.Patient, id);
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirExport, [patientId], "$everything", cancellationToken);
        return FhirJson.Result(FhirBundles.SearchSet(http.Request, query, page));
    }
}
