namespace Fajma.Server.Devices;

public static class DevicesExtensions
{
    public static IHostApplicationBuilder AddDevices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeviceDirectory>();
        return builder;
    }
}
