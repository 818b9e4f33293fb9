namespace Fajma.Server.Fhir;

/// <summary>The FHIR R4 facade over Fajma's records: read, search, $everything and Bulk Data $export at /fhir/R4.</summary>
public static class FhirExtensions
{
    public static IHostApplicationBuilder AddFhir(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<FhirReader>();
        builder.Services.AddSingleton<FhirExportJobs>();
        // Replaces the API's refusal answers under /fhir/R4 and hands every other path to them (SecondFactorRefusal).
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, FhirAuthorizationResults>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        app.MapFhirGroup().MapFhirExport();
        return app;
    }
}
