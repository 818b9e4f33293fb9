using Fajma.Core.Messages;
using Fajma.Server.Devices.Control;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Devices;

public static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/devices").WithTags("Devices").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", ListDevices).WithSummary("Devices with their last reported status: all for admins, else those of the caller's patients.");
        group.MapPost("/", ProvisionDevice).RequireAuthorization(Policies.Admin)
            .WithSummary("Provisions a device for a patient (admins): its certificate, key and secret, shown this once.");
        group.MapPost("/{id}/rotate", RotateDevice).RequireAuthorization(Policies.Admin)
            .WithSummary("New certificate and secret for a device (admins); the old ones stop working at once.");
        group.MapPost("/{id}/revoke", RevokeDevice).RequireAuthorization(Policies.Admin)
            .WithSummary("Refuses a device from now on on every transport (admins); its stored readings stay.");
        app.MapDeviceControlEndpoints();
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

    public static async Task<Results<Created<DeviceBundleDto>, ValidationProblem, ProblemHttpResult>> ProvisionDevice(
        RegisterDeviceRequest request, FajmaDbContext db, DeviceProvisioning provisioning, DeviceBroker broker,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DeviceIdentifier.IsValid(request.Id)) errors["id"] = [DeviceIdentifier.Rule];
        if (!DeviceTypes.All.Contains(request.Type)) errors["type"] = [$"must be one of {string.Join(", ", DeviceTypes.All)}"];
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken)) errors["patientId"] = [$"patient {request.PatientId} does not exist"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.Devices.AnyAsync(d => d.Id == request.Id, cancellationToken))
            return TypedResults.Problem(title: "Device already provisioned", detail: $"device '{request.Id}' exists; rotate its credentials instead",
                statusCode: StatusCodes.Status409Conflict);

        var bundle = await provisioning.ProvisionAsync(request.Id, request.Type, request.PatientId, AuditActor.Of(http), cancellationToken);
        return TypedResults.Created($"/api/v1/devices/{bundle.DeviceId}", await ToDtoAsync(db, bundle, broker, cancellationToken));
    }

    public static async Task<Results<Ok<DeviceBundleDto>, NotFound<ProblemDetails>>> RotateDevice(
        string id, FajmaDbContext db, DeviceProvisioning provisioning, DeviceBroker broker, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Devices.AnyAsync(d => d.Id == id && d.RevokedAt == null, cancellationToken)) return NoActiveDevice(id);
        var bundle = await provisioning.RotateAsync(id, AuditActor.Of(http), cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, bundle, broker, cancellationToken));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeDevice(
        string id, FajmaDbContext db, DeviceProvisioning provisioning, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Devices.AnyAsync(d => d.Id == id, cancellationToken)) return NoActiveDevice(id);
        await provisioning.RevokeAsync(id, AuditActor.Of(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static NotFound<ProblemDetails> NoActiveDevice(string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "No such device", Detail = $"no active device '{id}'", Status = StatusCodes.Status404NotFound });

    private static async Task<DeviceBundleDto> ToDtoAsync(FajmaDbContext db, ProvisionedDevice bundle, DeviceBroker broker, CancellationToken cancellationToken)
    {
        var device = await db.Devices.AsNoTracking().Where(d => d.Id == bundle.DeviceId).Select(DeviceDto.FromDevice).SingleAsync(cancellationToken);
        return new DeviceBundleDto(device, bundle.Secret, bundle.CertificatePem, bundle.KeyPem, bundle.CaPem, broker.TlsUrl);
    }
}
