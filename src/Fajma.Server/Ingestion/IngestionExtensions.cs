using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Platform;

namespace Fajma.Server.Ingestion;

public static class IngestionExtensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MqttOptions>(builder.Configuration.GetSection(MqttOptions.Section));
        builder.Services.Configure<IngestionOptions>(builder.Configuration.GetSection(IngestionOptions.Section));
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<ReadingNovelty>();
        builder.Services.AddSingleton<RefusalLedger>();
        builder.Services.AddSingleton<IngestionPipeline>();
        builder.Services.AddSingleton<MqttFramingLog>();
        builder.Services.AddSingleton<MqttIngestion>();
        builder.Services.AddSingleton<Devices.IDeviceCommandChannel>(sp => sp.GetRequiredService<MqttIngestion>());
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttIngestion>());
        return builder;
    }
}
