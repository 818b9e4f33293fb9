using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Monitoring;

/// <summary>Patients as the board shows them: with their devices and latest vital signs, so they sit with the observations.</summary>
public static class PatientEndpoints
{
    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/patients").WithTags("Patients").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", ListPatients).WithSummary("Patients with their devices and latest vital signs.");
        group.MapPost("/", CreatePatient).RequireAuthorization(Policies.Admin).WithSummary("Registers a patient (admins).");
        group.MapGet("/{patientId:int}", GetPatient).WithSummary("One patient with devices and latest vital signs.");
        return app;
    }

    /// <summary>The caller's patients: a patient's own record, a doctor's care team; admins get every patient without clinical data.</summary>
    public static async Task<Ok<PatientDto[]>> ListPatients(CurrentUser user, FajmaDbContext db, PatientKeys keys, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var query = user.IsAdmin ? db.Patients : db.Patients.VisibleTo(user, db);
        // Sorted after reading: names are sealed in the store.
        var patients = (await query.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(p => p.DisplayName, StringComparer.InvariantCultureIgnoreCase).ToList();
        // One entry per patient shown, written together in one commit of the audit log.
        await Task.WhenAll(patients.Select(p => audit.RecordAsync(AuditRecord.By(http, AuditActions.PatientsListed, p.Id), cancellationToken)));
        return TypedResults.Ok(await ToDtosAsync(db, keys, patients, includeVitals: !user.IsAdmin, cancellationToken));
    }

    public static async Task<Results<Ok<PatientDto>, ProblemHttpResult>> GetPatient(
        int patientId, CurrentUser user, FajmaDbContext db, PatientKeys keys, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.PatientRead, patientId), cancellationToken);
        var query = user.IsAdmin ? db.Patients : db.Patients.VisibleTo(user, db);
        var patient = await query.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
            return PatientProblems.NotFound(patientId);
        return TypedResults.Ok((await ToDtosAsync(db, keys, [patient], includeVitals: !user.IsAdmin, cancellationToken))[0]);
    }

    public static async Task<Results<Created<PatientDto>, ValidationProblem>> CreatePatient(
        CreatePatientRequest request, FajmaDbContext db, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
            errors["displayName"] = ["is required, at most 200 characters"];
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (request.DateOfBirth > today || request.DateOfBirth < today.AddYears(-130))
            errors["dateOfBirth"] = ["must be a date in the last 130 years"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var patient = new Patient { DisplayName = request.DisplayName.Trim(), DateOfBirth = request.DateOfBirth, CreatedAt = time.GetUtcNow() };
        db.Patients.Add(patient);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.PatientCreated, patient.Id), cancellationToken);
        return TypedResults.Created($"/api/v1/patients/{patient.Id}", new PatientDto(patient.Id, patient.DisplayName, patient.DateOfBirth, [], []));
    }

    private static async Task<PatientDto[]> ToDtosAsync(FajmaDbContext db, PatientKeys keys, List<Patient> patients, bool includeVitals, CancellationToken cancellationToken)
    {
        var ids = patients.Select(p => p.Id).ToList();
        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.PatientId != null && ids.Contains(d.PatientId.Value))
            .OrderBy(d => d.Id)
            .Select(DeviceDto.FromDevice)
            .ToListAsync(cancellationToken);
        var opened = await db.LatestAsync(keys, includeVitals ? ids : [], cancellationToken);
        return patients.Select(p => new PatientDto(
            p.Id, p.DisplayName, p.DateOfBirth,
            devices.Where(d => d.PatientId == p.Id).ToList(),
            opened.Where(o => o.PatientId == p.Id).OrderBy(o => o.Type, StringComparer.Ordinal).ToList())).ToArray();
    }
}
