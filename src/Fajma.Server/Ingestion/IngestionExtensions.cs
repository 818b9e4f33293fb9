using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Platform;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Ingestion;

public static class IngestionExtensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        var mqtt = builder.Configuration.GetSection(MqttOptions.Section).Get<MqttOptions>() ?? new MqttOptions();
        var external = mqtt.Broker == MqttBrokerMode.External;
        if (external) mqtt.ExternalUri(); // a wrong Mqtt:Url stops the start, not the first connection attempt
        builder.Services.Configure<MqttOptions>(builder.Configuration.GetSection(MqttOptions.Section));
        if (external) builder.Services.PostConfigure<MqttOptions>(o => o.NodeId ??= NodeIdentity.DefaultId(builder.Configuration));
        // A graceful stop must outlast the MQTT drain, or the host cuts it short; a little more for the web server and the store.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(o.ShutdownTimeout.Ticks, (mqtt.DrainTimeout + TimeSpan.FromSeconds(5)).Ticks)));
        builder.Services.AddOptions<IngestionOptions>().Bind(builder.Configuration.GetSection(IngestionOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptions.Validation>();
        builder.Services.AddSingleton<IngestionAdmission>();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<Alerts.IIntakeFacts, IntakeFacts>();
        builder.Services.AddSingleton(sp => DeviceBrokerOf(sp.GetRequiredService<IOptions<MqttOptions>>().Value));
        builder.Services.AddSingleton<RefusalLedger>();
        builder.Services.AddSingleton<IngestionPipeline>();
        builder.Services.AddSingleton<MqttFramingLog>();
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker", tags: [HealthEndpoints.Ready]);
        if (external)
        {
            builder.Services.AddSingleton<ExternalMqttIngestion>();
            builder.Services.AddSingleton<Devices.IDeviceCommandChannel>(sp => sp.GetRequiredService<ExternalMqttIngestion>());
            builder.Services.AddSingleton<IBrokerIntake>(sp => sp.GetRequiredService<ExternalMqttIngestion>());
            if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<ExternalMqttIngestion>());
            return builder;
        }
        builder.Services.AddSingleton<MqttIngestion>();
        builder.Services.AddSingleton<Devices.IDeviceCommandChannel>(sp => sp.GetRequiredService<MqttIngestion>());
        builder.Services.AddSingleton<IBrokerIntake>(sp => sp.GetRequiredService<MqttIngestion>());
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttIngestion>());
        return builder;
    }

    private static Devices.DeviceBroker DeviceBrokerOf(MqttOptions mqtt) => new(mqtt.TlsUrl, mqtt.BrokerConfigDirectory);
}
