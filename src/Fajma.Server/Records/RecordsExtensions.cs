using Fajma.Server.Platform;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Records;

/// <summary>The patient's record leaving and ending: the readable copy, erasure requests and the retention sweep (docs/gdpr.md).</summary>
public static class RecordsExtensions
{
    public static IHostApplicationBuilder AddRecords(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecordsOptions>().Bind(builder.Configuration.GetSection(RecordsOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RecordsOptions>, RecordsOptions.Validation>();
        builder.Services.AddSingleton<Erasure>();
        builder.Services.AddSingleton<RetentionSweep>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());
        return builder;
    }

    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder app)
    {
        app.MapRecordEndpoints();
        app.MapErasureEndpoints();
        return app;
    }
}
