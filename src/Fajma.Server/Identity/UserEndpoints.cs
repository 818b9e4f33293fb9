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
        users.MapGet("/", ListUsers).WithSummary("Every account.");
        users.MapPost("/", CreateUser).WithSummary("Creates a doctor, patient or admin account.");
        app.MapPost("/api/v1/patients/{patientId:int}/care-team", AddToCareTeam).WithTags("Accounts")
            .RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User).WithSummary("Puts a doctor in a patient's care team.");
        return app;
    }

    public static async Task<Ok<UserDto[]>> ListUsers(FajmaDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new UserDto(u.Id, u.Email, u.DisplayName, u.Role, u.PatientId)).ToArrayAsync(cancellationToken));

    public static async Task<Results<Created<UserDto>, ValidationProblem>> CreateUser(
        CreateUserRequest request, FajmaDbContext db, Accounts accounts, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = await CheckNewAccountAsync(db, request.Email, request.DisplayName, request.Password, cancellationToken);
        var email = request.Email?.Trim().ToLowerInvariant() ?? "";
        if (!Roles.All.Contains(request.Role)) errors["role"] = [$"must be one of {string.Join(", ", Roles.All)}"];
        if (request.Role == Roles.Patient && (request.PatientId is null || !await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken)))
            errors["patientId"] = ["a patient account needs an existing patient record"];
        if (request.Role != Roles.Patient && request.PatientId is not null) errors["patientId"] = ["only patient accounts link to a patient record"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var user = await accounts.EnsureAsync(email, request.DisplayName.Trim(), request.Role, request.Password!, request.PatientId, cancellationToken);
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
        else if (await db.Users.AnyAsync(u => u.Email == normalized, cancellationToken)) errors["email"] = ["an account with this email exists"];
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
}
