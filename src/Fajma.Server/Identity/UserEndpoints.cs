using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Identity;

/// <summary>Account and care-team management, for admins.</summary>
public static class UserEndpoints
{
    public const int MinimumPasswordLength = 10;

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Accounts").RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User);
        users.MapGet("/", ListUsers).WithSummary("Every account, or those whose name or email contains `search`, with status and last sign-in.");
        users.MapPost("/", CreateUser).WithSummary("Creates a doctor, patient (with a new patient record given dateOfBirth) or admin account.");
        var careTeams = app.MapGroup("/api/v1").WithTags("Accounts").RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User);
        careTeams.MapPost("/patients/{patientId:int}/care-team", AddToCareTeam).WithSummary("Puts a doctor in a patient's care team.");
        careTeams.MapDelete("/patients/{patientId:int}/care-team/{doctorId:int}", RemoveFromCareTeam).WithSummary("Takes a doctor out of a patient's care team.");
        careTeams.MapGet("/care-teams", ListCareTeams).WithSummary("Every patient's care team.");
        return app;
    }

    public static async Task<Results<Ok<AccountDto[]>, ValidationProblem>> ListUsers(
        string? search, FajmaDbContext db, UserSessions sessions, CancellationToken cancellationToken)
    {
        if (search is { Length: > 100 }) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["search"] = ["at most 100 characters"] });
        // Filtered and sorted here: addresses and names are sealed in the store, and a clinic's accounts fit in memory.
        var term = search?.Trim() ?? "";
        var users = (await db.Users.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(u => u.Email, StringComparer.Ordinal)
            .Where(u => u.Email.Contains(term, StringComparison.OrdinalIgnoreCase) || u.DisplayName.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
        var lastSignIns = await sessions.LastSignInsAsync([.. users.Select(u => u.Id)], cancellationToken);
        var twoStep = (await db.UserMfa.AsNoTracking().Where(m => m.ConfirmedAt != null).Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();
        return TypedResults.Ok(users.Select(u => new AccountDto(u.Id, u.Email, u.DisplayName, u.Role, u.PatientId, u.LockedByAdminAt is not null, u.LockedByAdminAt,
            lastSignIns.TryGetValue(u.Id, out var at) ? at : null, u.CreatedAt, twoStep.Contains(u.Id))).ToArray());
    }

    public static async Task<Results<Created<UserDto>, ValidationProblem>> CreateUser(
        CreateUserRequest request, FajmaDbContext db, Accounts accounts, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = await CheckNewAccountAsync(db, request.Email, request.DisplayName, request.Password, cancellationToken);
        var email = request.Email?.Trim().ToLowerInvariant() ?? "";
        if (!Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of {string.Join(", ", Roles.All)}"];
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (request.Role == Roles.Patient && request.PatientId is null && request.DateOfBirth is { } born)
        {
            if (born > today || born < today.AddYears(-130)) errors["dateOfBirth"] = ["must be a date in the last 130 years"];
        }
        else if (request.Role == Roles.Patient && (request.PatientId is null || !await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken)))
            errors["patientId"] = ["a patient account needs an existing patient record, or a dateOfBirth to make one"];
        if (request.Role != Roles.Patient && (request.PatientId is not null || request.DateOfBirth is not null))
            errors["patientId"] = ["only patient accounts link to a patient record"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // The record and the account in one transaction: never a record without its account after a failure.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var patientId = request.PatientId;
        if (request.Role == Roles.Patient && patientId is null)
        {
            var patient = new Patient { DisplayName = request.DisplayName.Trim(), DateOfBirth = request.DateOfBirth!.Value, CreatedAt = time.GetUtcNow() };
            db.Patients.Add(patient);
            await db.SaveChangesAsync(cancellationToken);
            patientId = patient.Id;
        }
        var user = await accounts.EnsureAsync(email, request.DisplayName.Trim(), request.Role, request.Password!, patientId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // After the commit: the audit log writes through its own connection, which would wait on this transaction's lock.
        if (request.PatientId is null && patientId is { } created) await audit.RecordAsync(AuditRecord.By(http, AuditActions.PatientCreated, created), cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.UserCreated, user.PatientId, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), user.Role), cancellationToken);
        return TypedResults.Created($"/api/v1/users/{user.Id}", TokenIssuer.ToDto(user));
    }

    /// <summary>The checks every new account passes (an admin's or an invitation's), by field: email free, a name, a long enough password.</summary>
    internal static async Task<Dictionary<string, string[]>> CheckNewAccountAsync(FajmaDbContext db, string? email, string? displayName, string? password,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var normalized = email?.Trim().ToLowerInvariant() ?? "";
        if (normalized.Length is < 3 or > 200 || !normalized.Contains('@', StringComparison.Ordinal)) errors["email"] = ["must be an email address"];
        else if (await db.UsersByEmail(normalized).AnyAsync(cancellationToken)) errors["email"] = ["an account with this email exists"];
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100) errors["displayName"] = ["1 to 100 characters"];
        if ((password?.Length ?? 0) < MinimumPasswordLength) errors["password"] = [$"must be at least {MinimumPasswordLength} characters"];
        return errors;
    }

    public static async Task<Results<NoContent, ValidationProblem>> AddToCareTeam(
        int patientId, CareTeamRequest request, FajmaDbContext db, Accounts accounts, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken)) errors["patientId"] = [$"patient {patientId} does not exist"];
        if (!await db.Users.AnyAsync(u => u.Id == request.DoctorId && u.Role == Roles.Doctor, cancellationToken)) errors["doctorId"] = ["must be a doctor's account"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await accounts.AddToCareTeamAsync(request.DoctorId, patientId, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.CareTeamChanged, patientId, request.DoctorId.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveFromCareTeam(
        int patientId, int doctorId, FajmaDbContext db, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var removed = await db.CareTeam.Where(c => c.PatientId == patientId && c.DoctorId == doctorId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
            return TypedResults.Problem(title: "Not in the care team", detail: $"doctor {doctorId} is not in patient {patientId}'s care team", statusCode: StatusCodes.Status404NotFound);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.CareTeamRemoved, patientId, doctorId.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<CareTeamDto[]>> ListCareTeams(FajmaDbContext db, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var members = await db.CareTeam.AsNoTracking().Join(db.Users, c => c.DoctorId, u => u.Id, (c, u) => new { c.PatientId, u.Id, u.DisplayName, c.JoinedAt })
            .ToListAsync(cancellationToken);
        var patients = await db.Patients.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.CareTeamsRead), cancellationToken);
        return TypedResults.Ok(patients.Select(id => new CareTeamDto(id,
            [.. members.Where(m => m.PatientId == id).OrderBy(m => m.JoinedAt).Select(m => new CareTeamDoctor(m.Id, m.DisplayName, m.JoinedAt))])).ToArray());
    }
}
