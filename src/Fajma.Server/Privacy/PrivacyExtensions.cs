using Fajma.Server.Platform;

namespace Fajma.Server.Privacy;

public static class PrivacyExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        return builder;
    }
}
