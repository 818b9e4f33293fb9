using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Fajma.Server.Platform;

/// <summary>Cross-cutting host setup: JSON, problem details, OpenAPI, health, clock, static web app.</summary>
public static class PlatformExtensions
{
    /// <param name="wire">Source-generated JSON for every response and hub event; the composition root knows the features' types.</param>
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder, IJsonTypeInfoResolver wire)
    {
        builder.Services.TryAddSingleton(TimeProvider.System); // tests bring a fake clock
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, wire));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so BadRequestHandler can name the field
        builder.Services.AddOpenApi();
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, wire))
            .AddMessagePackProtocol();
        // MessagePack offered beside JSON (ARCHITECTURE §4), in the JSON contract's shape: one definition of every event.
        builder.Services.AddOptions<MessagePackHubProtocolOptions>().Configure<IOptions<JsonHubProtocolOptions>>(
            (messagePack, json) => messagePack.SerializerOptions = JsonShapedMessagePack.Options(json.Value.PayloadSerializerOptions));
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStoppingHubGate();
        app.UseSecurityHeaders();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    public static IEndpointRouteBuilder MapPlatformEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapTimeEndpoints();
        // An unknown API path is a 404 problem, never the web app's page.
        app.MapFallback("/api/{**path}", () => TypedResults.Problem(title: "No such endpoint", statusCode: StatusCodes.Status404NotFound))
            .AllowAnonymous().ExcludeFromDescription();
        // The web app handles its own routes; other unknown paths load it.
        app.MapFallbackToFile("index.html").AllowAnonymous();
        return app;
    }
}
