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
        group.MapGet("/Patient/{id}/$everything", Everything).WithSummary("Everything about the patient (GDPR Art. 15/20): a searchset Bundle.");
        // An unknown FHIR path is a FHIR 404, never the web app's page.
        app.MapFallback($"{FhirUris.Base}/{{**path}}", () => FhirOutcomes.Outcome(StatusCodes.Status404NotFound, R4.OperationOutcome.IssueType.NotSupported,
            "no such FHIR interaction here (see /fhir/R4/metadata)")).AllowAnonymous().ExcludeFromDescription();
        return group;
    }

    public static IResult Metadata(HttpRequest request) => FhirJson.Result(FhirCapability.Statement(FhirBundles.BaseUrl(request)));

    public static async Task<IResult> Search(string type, HttpContext http, CurrentUser user, FhirReader reader, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!FhirResourceTypes.SearchParameters.TryGetValue(type, out var allowed)) return FhirOutcomes.UnknownType(type);
        if (FhirQuery.TryParse(type, http.Request.Query, allowed, out var query) is { } error) return FhirOutcomes.BadParameter(error);
        var page = await reader.SearchAsync(user, query, cancellationToken);
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirRead, page.PatientIds, type, cancellationToken);
        return FhirJson.Result(FhirBundles.SearchSet(http.Request, query, page));
    }

    public static async Task<IResult> Read(string type, string id, HttpContext http, CurrentUser user, FhirReader reader, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!FhirResourceTypes.SearchParameters.ContainsKey(type)) return FhirOutcomes.UnknownType(type);
        var page = await reader.SearchAsync(user, new FhirQuery(type) { Ids = [id], Count = 1 }, cancellationToken);
        if (page.Resources.Count == 0) return FhirOutcomes.NotFound(type, id);
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirRead, page.PatientIds, type, cancellationToken);
        return FhirJson.Result(page.Resources[0]);
    }

    /// <summary>Every resource of the patient's compartment served here, in one Bundle (no paging: it is the whole record).</summary>
    public static async Task<IResult> Everything(int id, HttpContext http, CurrentUser user, FhirReader reader, AuditLog audit, CancellationToken cancellationToken)
    {
        var resources = new List<R4.Resource>();
        await foreach (var resource in reader.RecordAsync(user, [id], FhirResourceTypes.PatientCompartment, since: null, cancellationToken))
            resources.Add(resource);
        if (resources.Count == 0) return FhirOutcomes.NotFound(FhirResourceTypes.Patient, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await FhirAudit.RecordAsync(audit, http, AuditActions.FhirExport, [id], "$everything", cancellationToken);
        var bundle = FhirBundles.Collect(FhirBundles.BaseUrl(http.Request), R4.Bundle.BundleType.Searchset, resources);
        bundle.Total = resources.Count;
        bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "self", Url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}" });
        return FhirJson.Result(bundle);
    }
}
