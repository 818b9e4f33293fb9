using Fajma.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Identity;

/// <summary>Creates accounts and care-team links; used by the demo clinic, the CLI and tests.</summary>
public sealed class Accounts(FajmaDbContext db, IPasswordHasher<User> hasher, TimeProvider time)
{
    /// <summary>The account with this email, created with <paramref name="password"/> if it does not exist yet.</summary>
    public async Task<User> EnsureAsync(string email, string displayName, string role, string password, int? patientId, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role)) throw new ArgumentException($"unknown role '{role}'", nameof(role));
        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.UsersByEmail(normalized).SingleOrDefaultAsync(cancellationToken);
        if (user is not null) return user;
        user = new User { Email = normalized, DisplayName = displayName, Role = role, PasswordHash = "", PatientId = patientId, CreatedAt = time.GetUtcNow() };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>An account made by redeeming an invitation (a follower's), never by an admin: its role is outside <see cref="Roles.All"/>.</summary>
    public async Task<User> CreateInvitedAsync(string email, string displayName, string role, string password, CancellationToken cancellationToken)
    {
        if (role != Roles.Follower) throw new ArgumentException($"'{role}' accounts are not made from an invitation with a password", nameof(role));
        var user = new User { Email = email.Trim().ToLowerInvariant(), DisplayName = displayName, Role = role, PasswordHash = "", CreatedAt = time.GetUtcNow() };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task AddToCareTeamAsync(int doctorId, int patientId, CancellationToken cancellationToken)
    {
        if (await db.CareTeam.AnyAsync(c => c.DoctorId == doctorId && c.PatientId == patientId, cancellationToken)) return;
        db.CareTeam.Add(new CareTeamMember { DoctorId = doctorId, PatientId = patientId, JoinedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
