using System.Text.Json;
using Hl7.Fhir.Serialization;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>FHIR's own JSON (the Firely SDK's System.Text.Json converters): resources never go through the API's source-generated context.</summary>
public static class FhirJson
{
    public const string ContentType = "application/fhir+json; charset=utf-8";
    public const string NdjsonContentType = "application/fhir+ndjson";

    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir();

    /// <summary>One line of an ndjson file: the resource without indentation or line breaks.</summary>
    public static string Line(R4.Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);

    public static IResult Result(R4.Resource resource, int statusCode = StatusCodes.Status200OK) => new FhirResourceResult(resource, statusCode);

    private sealed class FhirResourceResult(R4.Resource resource, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = ContentType;
            return JsonSerializer.SerializeAsync(httpContext.Response.Body, resource, resource.GetType(), Options, httpContext.RequestAborted);
        }
    }
}
