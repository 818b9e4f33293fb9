using Fajma.Core.Messages;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Devices;

public static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/devices").WithTags("Devices").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", ListDevices).WithSummary("Devices with their last reported status: all for admins, else those of the caller's patients.");
        group.MapPost("/", RegisterDevice).RequireAuthorization(Policies.Admin).WithSummary("Registers a device for a patient (admins).");
        return app;
    }

    public static async Task<Ok<DeviceDto[]>> ListDevices(CurrentUser user, FajmaDbContext db, CancellationToken cancellationToken)
    {
        var visible = db.Patients.VisibleTo(user, db).Select(p => (int?)p.Id);
        var devices = await (user.IsAdmin ? db.Devices : db.Devices.Where(d => visible.Contains(d.PatientId))).AsNoTracking()
            .OrderBy(d => d.PatientId).ThenBy(d => d.Id)
            .Select(DeviceDto.FromDevice)
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(devices);
    }

    public static async Task<Results<Created<RegisteredDeviceDto>, ValidationProblem, ProblemHttpResult>> RegisterDevice(
        RegisterDeviceRequest request, FajmaDbContext db, DeviceDirectory directory, DeviceSecrets secrets, TimeProvider time,
        HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DeviceIdentifier.IsValid(request.Id)) errors["id"] = [DeviceIdentifier.Rule];
        if (!DeviceTypes.All.Contains(request.Type)) errors["type"] = [$"must be one of {string.Join(", ", DeviceTypes.All)}"];
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken)) errors["patientId"] = [$"patient {request.PatientId} does not exist"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.Devices.AnyAsync(d => d.Id == request.Id, cancellationToken))
            return TypedResults.Problem(title: "Device already registered", detail: $"device '{request.Id}' exists", statusCode: StatusCodes.Status409Conflict);

        var (secret, protectedSecret) = secrets.Create();
        var device = new Device { Id = request.Id, Type = request.Type, PatientId = request.PatientId, RegisteredAt = time.GetUtcNow(), SecretProtected = protectedSecret };
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        directory.Update(new KnownDevice(device.Id, device.Type, device.PatientId, secret));
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.DeviceRegistered, device.PatientId, device.Id, device.Type), cancellationToken);
        return TypedResults.Created($"/api/v1/devices/{device.Id}", new RegisteredDeviceDto(
            new DeviceDto(device.Id, device.Type, device.PatientId, null, null, null, null), DeviceSecrets.Encode(secret)));
    }
}
