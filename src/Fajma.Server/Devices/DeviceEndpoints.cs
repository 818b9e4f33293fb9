using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Devices;

public static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/devices").WithTags("Devices");
        group.MapGet("/", ListDevices).WithSummary("All registered devices with their last reported status.");
        return app;
    }

    public static async Task<Ok<DeviceDto[]>> ListDevices(FajmaDbContext db, CancellationToken cancellationToken)
    {
        var devices = await db.Devices.AsNoTracking()
            .OrderBy(d => d.PatientId).ThenBy(d => d.Id)
            .Select(d => new DeviceDto(d.Id, d.Type, d.PatientId, d.BatteryLevel, d.SignalStrength, d.LastCalibration, d.LastSeenAt))
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(devices);
    }
}
