using Microsoft.AspNetCore.DataProtection;

namespace Fajma.Server.Devices;

public static class DevicesExtensions
{
    public static IHostApplicationBuilder AddDevices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeviceDirectory>();
        builder.Services.AddSingleton<DeviceSecrets>();
        builder.Services.AddSingleton<BrokerTrust>();
        builder.Services.AddScoped<DeviceProvisioning>();
        builder.Services.AddSingleton<DeviceCertificateCheck>();
        builder.Services.AddSingleton<DeviceCommandAcks>();
        builder.Services.AddSingleton<DeviceCommands>();
        builder.Services.Configure<Control.DeviceControlOptions>(builder.Configuration.GetSection(Control.DeviceControlOptions.Section));
        builder.Services.AddSingleton<Control.QueuedDeviceCommands>();
        builder.Services.AddSingleton<Control.DeviceCommandLifecycle>();
        builder.Services.AddSingleton<Control.DeviceCommandKicks>();
        builder.Services.AddSingleton<Control.DeviceCommandDispatcher>();
        builder.Services.AddSingleton<Live.LiveChannel>(Control.DeviceControlChannels.Command);
        if (!Platform.BuildTimeDocument.IsGenerating)
        {
            builder.Services.AddHostedService<KnownDeviceRefresh>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DeviceCommands>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Control.DeviceCommandDispatcher>());
        }
        var storage = builder.Configuration.GetSection(Storage.StorageOptions.Section).Get<Storage.StorageOptions>() ?? new Storage.StorageOptions();
        var protection = builder.Services.AddDataProtection().SetApplicationName("Fajma");
        if (!Platform.BuildTimeDocument.IsGenerating)
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.DataDirectory, "keys", "data-protection")));
        builder.Services.AddSingleton(sp => new DeviceCertificateAuthority(
            Platform.BuildTimeDocument.IsGenerating ? Path.Combine(Path.GetTempPath(), "fajma-getdocument") : storage.DataDirectory,
            sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
