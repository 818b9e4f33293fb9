using Fajma.Core.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Devices.Control;

/// <summary>
/// Remote control and calibration (seed 000 §2.2B), inside consultations or not: by the patient's doctors (care team);
/// admins may reboot any device. Each request is audited and stored, then sent when the device can be reached, unless its
/// time to live passes first. A repeated <c>Idempotency-Key</c> (same caller and device) answers 200 with the command
/// it made; the same key with another body is refused with 422.
/// </summary>
public static class DeviceControlEndpoints
{
    public const string AuditAction = "device.command_requested";

    public static IEndpointRouteBuilder MapDeviceControlEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/iot").WithTags("Device control").RequireAuthorization().RequireRateLimiting(RateLimiting.User)
            .AddEndpointFilter<DeviceControlValidation>();
        group.MapPost("/sensors/{id}/control/", Control)
            .WithSummary("Starts, stops, reads now, changes the sampling rate of (doctors of the patient) or reboots (those, and admins) a device: 202 with the command.");
        group.MapPost("/sensors/{id}/calibrate/", Calibrate)
            .WithSummary("Calibrates one of a device's sensors (doctors of the patient): 202 with the command; the device's last calibration is set on success.");
        group.MapGet("/sensors/{id}/commands", ListCommands).WithSummary("A device's latest 50 commands, newest first, with their status.");
        group.MapGet("/commands/{commandId:guid}", GetCommand).WithSummary("One command and its status.");
        return app;
    }

    public static async Task<Results<Accepted<DeviceCommandDto>, Ok<DeviceCommandDto>, NotFound<ProblemDetails>, ProblemHttpResult>> Control(
        string id, ControlRequest request, [FromHeader(Name = DeviceControlValidation.IdempotencyHeader)] string? idempotencyKey,
        CurrentUser user, FajmaDbContext db, DeviceCommandLifecycle lifecycle, DeviceCommandKicks dispatcher, AuditLog audit,
        HttpContext http, IOptions<DeviceControlOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var action = request.Action!;
        var (device, refused) = await DeviceForAsync(id, user, db, action == DeviceCommandNames.Reboot, cancellationToken);
        if (device is null) return refused!;
        int? interval = action != DeviceCommandNames.SetSamplingRate ? null
            : request.SamplingIntervalMs ?? (int)Math.Round((device.NominalIntervalMs ?? options.Value.NominalIntervalMs) / request.RateMultiplier!.Value);
        var asked = new Asked(DeviceCommandNames.WireCommand(action), interval, null, null, request.TtlSeconds,
            $"control|{action}|{request.SamplingIntervalMs}|{request.RateMultiplier:R}|{request.TtlSeconds}");
        return await RequestAsync(device, asked, user, idempotencyKey, db, lifecycle, dispatcher, audit, http, options.Value, time, cancellationToken);
    }

    public static async Task<Results<Accepted<DeviceCommandDto>, Ok<DeviceCommandDto>, NotFound<ProblemDetails>, ProblemHttpResult>> Calibrate(
        string id, CalibrateRequest request, [FromHeader(Name = DeviceControlValidation.IdempotencyHeader)] string? idempotencyKey,
        CurrentUser user, FajmaDbContext db, DeviceCommandLifecycle lifecycle, DeviceCommandKicks dispatcher, AuditLog audit,
        HttpContext http, IOptions<DeviceControlOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (device, refused) = await DeviceForAsync(id, user, db, reboot: false, cancellationToken);
        if (device is null) return refused!;
        var asked = new Asked(DeviceCommandNames.Calibrate, null, request.Sensor, request.Reference, request.TtlSeconds,
            $"calibrate|{request.Sensor}|{request.Reference:R}|{request.TtlSeconds}");
        return await RequestAsync(device, asked, user, idempotencyKey, db, lifecycle, dispatcher, audit, http, options.Value, time, cancellationToken);
    }

    public static async Task<Results<Ok<DeviceCommandDto[]>, NotFound<ProblemDetails>>> ListCommands(string id, CurrentUser user, FajmaDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await Visible(user, db).AnyAsync(d => d.Id == id, cancellationToken)) return NoDevice(id);
        var latest = db.DeviceCommands.AsNoTracking().Where(c => c.DeviceId == id).OrderByDescending(c => c.CreatedAt).Take(50);
        var rows = await DeviceCommandLifecycle.WithPatient(db, latest).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderByDescending(r => r.Command.CreatedAt).ThenByDescending(r => r.Command.CorrelationId).Select(r => r.ToDto()).ToArray());
    }

    public static async Task<Results<Ok<DeviceCommandDto>, NotFound<ProblemDetails>>> GetCommand(Guid commandId, CurrentUser user, FajmaDbContext db,
        CancellationToken cancellationToken)
    {
        var visible = Visible(user, db).Select(d => d.Id);
        var row = await DeviceCommandLifecycle.WithPatient(db, db.DeviceCommands.AsNoTracking()
            .Where(c => c.CorrelationId == commandId && visible.Contains(c.DeviceId))).SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "No such command", Detail = $"no command {commandId} you may see", Status = StatusCodes.Status404NotFound })
            : TypedResults.Ok(row.ToDto());
    }

    private sealed record Asked(string Command, int? IntervalMs, string? Sensor, double? Reference, int? TtlSeconds, string Fingerprint);

    private static async Task<Results<Accepted<DeviceCommandDto>, Ok<DeviceCommandDto>, NotFound<ProblemDetails>, ProblemHttpResult>> RequestAsync(
        Device device, Asked asked, CurrentUser user, string? key, FajmaDbContext db, DeviceCommandLifecycle lifecycle, DeviceCommandKicks dispatcher,
        AuditLog audit, HttpContext http, DeviceControlOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(asked.Fingerprint)));
        if (key is not null && await RepeatAsync(device.Id, user.Id, key, hash, db, cancellationToken) is { } repeated) return repeated;
        var now = time.GetUtcNow();
        var command = new DeviceCommand
        {
            CorrelationId = Guid.CreateVersion7(), DeviceId = device.Id, Command = asked.Command, Status = DeviceCommandStatus.Queued,
            CreatedAt = now, ExpiresAt = now + TimeSpan.FromSeconds(asked.TtlSeconds ?? options.DefaultTtlSeconds),
            RequestedBy = user.Id, IdempotencyKey = key, RequestHash = hash, IntervalMs = asked.IntervalMs, Sensor = asked.Sensor, Reference = asked.Reference,
        };
        db.DeviceCommands.Add(command);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The same key raced in from a retry: the command it made is the answer.
            db.ChangeTracker.Clear();
            if (await RepeatAsync(device.Id, user.Id, key, hash, db, cancellationToken) is { } raced) return raced;
            throw;
        }
        await audit.RecordAsync(AuditRecord.By(http, AuditAction, device.PatientId, device.Id,
            $"{asked.Command} {command.CorrelationId}{(asked.IntervalMs is { } i ? $" interval_ms={i}" : "")}{(asked.Sensor is { } s ? $" sensor={s}" : "")}"), cancellationToken);
        await lifecycle.AnnounceAsync(command.CorrelationId, cancellationToken);
        dispatcher.Kick(device.Id);
        var dto = new CommandRow(command, device.PatientId).ToDto();
        return TypedResults.Accepted($"/api/v1/iot/commands/{command.CorrelationId}", dto);
    }

    private static async Task<Results<Accepted<DeviceCommandDto>, Ok<DeviceCommandDto>, NotFound<ProblemDetails>, ProblemHttpResult>?> RepeatAsync(
        string deviceId, int userId, string key, string hash, FajmaDbContext db, CancellationToken cancellationToken)
    {
        var earlier = await DeviceCommandLifecycle.WithPatient(db, db.DeviceCommands.AsNoTracking()
            .Where(c => c.RequestedBy == userId && c.DeviceId == deviceId && c.IdempotencyKey == key)).SingleOrDefaultAsync(cancellationToken);
        if (earlier is null) return null;
        if (earlier.Command.RequestHash != hash)
            return TypedResults.Problem(title: "Idempotency key reused", statusCode: StatusCodes.Status422UnprocessableEntity,
                detail: $"{DeviceControlValidation.IdempotencyHeader} '{key}' was used for another request to this device (command {earlier.Command.CorrelationId})",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [DeviceControlValidation.IdempotencyHeader] = ["was used for another request"] } });
        return TypedResults.Ok(earlier.ToDto());
    }

    /// <summary>
    /// The device, if the caller may command it: a doctor of its patient (others get 404, as for any patient they cannot see);
    /// an admin, to reboot only; never a patient.
    /// </summary>
    private static async Task<(Device? Device, Results<Accepted<DeviceCommandDto>, Ok<DeviceCommandDto>, NotFound<ProblemDetails>, ProblemHttpResult>? Refused)> DeviceForAsync(
        string id, CurrentUser user, FajmaDbContext db, bool reboot, CancellationToken cancellationToken)
    {
        if (!user.IsDoctor && !user.IsAdmin)
            return (null, TypedResults.Problem(title: "Not allowed", detail: "only the patient's doctors control a device", statusCode: StatusCodes.Status403Forbidden));
        if (user.IsAdmin && !reboot)
            return (null, TypedResults.Problem(title: "Not allowed", detail: "admins may reboot a device; other commands are for the patient's doctors",
                statusCode: StatusCodes.Status403Forbidden));
        var device = await Visible(user, db).AsNoTracking().Where(d => d.RevokedAt == null).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return device is null ? (null, NoDevice(id)) : (device, null);
    }

    /// <summary>Devices the caller may see: all for admins, else those of the patients the care-team rule lets them see.</summary>
    private static IQueryable<Device> Visible(CurrentUser user, FajmaDbContext db)
    {
        if (user.IsAdmin) return db.Devices;
        var patients = db.Patients.VisibleTo(user, db).Select(p => (int?)p.Id);
        return db.Devices.Where(d => patients.Contains(d.PatientId));
    }

    private static NotFound<ProblemDetails> NoDevice(string id) =>
        TypedResults.NotFound(new ProblemDetails { Title = "No such device", Detail = $"no active device '{id}' you may see", Status = StatusCodes.Status404NotFound });
}
