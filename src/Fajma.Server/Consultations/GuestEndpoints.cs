using System.Security.Cryptography;
using Fajma.Core.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Fajma.Server.Consultations;

/// <summary>
/// Guests: the doctor invites with a single-use, expiring link; using it signs the guest in to that one
/// consultation (chat and video; vitals only if the doctor allows). A used or expired link does nothing.
/// </summary>
public static class GuestEndpoints
{
    public static IEndpointRouteBuilder MapGuestEndpoints(this IEndpointRouteBuilder app)
    {
        var doctor = app.MapGroup("/api/v1/consultations/{id:int}/guests").WithTags("Consultations")
            .RequireAuthorization(Policies.Doctor).RequireRateLimiting(RateLimiting.User);
        doctor.MapPost("/", InviteGuest).WithSummary("Invites a third participant; the link works once, until it expires.");
        doctor.MapPost("/{guestId:int}/vitals", AllowGuestVitals).WithSummary("Lets a guest see the patient's vitals, or stops it.");
        app.MapPost("/api/v1/consultations/guests/redeem", RedeemGuest).WithTags("Consultations").AllowAnonymous()
            .RequireRateLimiting(RateLimiting.Login).WithSummary("Uses an invitation link once: tokens for that consultation only.");
        return app;
    }

    public static async Task<Results<Created<GuestInviteDto>, ValidationProblem, ProblemHttpResult>> InviteGuest(int id, GuestInviteRequest request,
        CurrentUser user, FajmaDbContext db, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.HeldBy(user, db).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return ConsultationProblems.NotFound(id);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100) errors["name"] = ["1 to 100 characters"];
        if (request.ValidForMinutes is < 5 or > 1440) errors["validForMinutes"] = ["5 to 1440 minutes"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (ConsultationStateMachine.IsFinal(consultation.State))
            return TypedResults.Problem(title: "Not possible now", detail: $"the consultation is {ConsultationStateMachine.Name(consultation.State)}", statusCode: StatusCodes.Status409Conflict);

        var (token, hash) = InvitationLinks.Create();
        var now = time.GetUtcNow();
        var guest = new ConsultationGuest
        {
            ConsultationId = id, Name = request.Name.Trim(), TokenHash = hash, CreatedAt = now,
            ExpiresAt = now.AddMinutes(request.ValidForMinutes ?? 60), AllowVitals = request.AllowVitals,
        };
        db.ConsultationGuests.Add(guest);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.GuestInvited, consultation.PatientId, $"consultation:{id}",
            $"guest:{guest.Id}{(guest.AllowVitals ? ", may see vitals" : "")}"), cancellationToken);
        return TypedResults.Created($"/api/v1/consultations/{id}/guests/{guest.Id}",
            new GuestInviteDto(guest.Id, id, guest.Name, token, $"/join/{token}", guest.ExpiresAt, guest.AllowVitals));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AllowGuestVitals(int id, int guestId, GuestVitalsRequest request, CurrentUser user,
        FajmaDbContext db, HttpContext http, AuditLog audit, ConsultationPresence presence, IHubContext<ConsultationHub> hub, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.HeldBy(user, db).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var guest = consultation is null ? null : await db.ConsultationGuests.SingleOrDefaultAsync(g => g.Id == guestId && g.ConsultationId == id, cancellationToken);
        if (consultation is null || guest is null) return ConsultationProblems.NotFound(id);
        guest.AllowVitals = request.Allow;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.GuestVitalsChanged, consultation.PatientId, $"consultation:{id}",
            $"guest:{guest.Id}: {(request.Allow ? "may see vitals" : "no vitals")}"), cancellationToken);
        // The room (the guest included) hears it at once: its vitals panel opens or closes without polling.
        await ConsultationParticipants.AnnounceAsync(db, presence, hub.Clients.Group(ConsultationEvents.Group(id)), id, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RedeemGuest(RedeemGuestRequest request, FajmaDbContext db, TokenIssuer tokens,
        IPasswordHasher<User> hasher, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = TokenIssuer.Hash(request.Token ?? "");
        // Single use, decided by the database: of two people racing with one link, one row update wins.
        var claimed = await db.ConsultationGuests.Where(g => g.TokenHash == hash && g.RedeemedAt == null && g.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RedeemedAt, now), cancellationToken);
        if (claimed != 1) return InvitationLinks.Unusable("the doctor");

        var guest = await db.ConsultationGuests.SingleAsync(g => g.TokenHash == hash, cancellationToken);
        var patientId = await db.Consultations.Where(c => c.Id == guest.ConsultationId).Select(c => c.PatientId).SingleAsync(cancellationToken);
        var account = new User
        {
            Email = $"guest-{guest.Id}-{Guid.NewGuid():N}@guests.fajma.invalid", DisplayName = guest.Name, Role = Roles.Guest, PasswordHash = "", CreatedAt = now,
        };
        // No password anyone knows: a guest signs in only through the link, and refreshes its session from there.
        account.PasswordHash = hasher.HashPassword(account, Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)));
        db.Users.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        guest.GuestUserId = account.Id;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.GuestJoined, account.Id, Roles.Guest, patientId, $"consultation:{guest.ConsultationId}",
            http.Connection.RemoteIpAddress?.ToString(), $"guest:{guest.Id}"), cancellationToken);
        return TypedResults.Ok(await AuthEndpoints.IssueAsync(db, tokens, account, Guid.NewGuid(), cancellationToken));
    }
}
