namespace Fajma.Server.Storage;

/// <summary>A person who signs in: a doctor, a patient (linked to their patient record) or an admin.</summary>
public sealed class User
{
    public int Id { get; set; }

    /// <summary>Lower-case; sealed at rest (<see cref="IdentityModel"/>).</summary>
    public required string Email { get; set; }

    /// <summary>The blind index of <see cref="Email"/>, unique: how sign-in finds the account. Set on save.</summary>
    public string? EmailIndex { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>See <see cref="Fajma.Server.Identity.Roles"/>.</summary>
    public required string Role { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash (<c>PasswordHasher</c>), never the password.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>For a patient account: their own patient record.</summary>
    public int? PatientId { get; set; }

    public int FailedLogins { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Set while an administrator has locked the account: no sign-in, no session, until unlocked.</summary>
    public DateTimeOffset? LockedByAdminAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
