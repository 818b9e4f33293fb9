using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>
/// The columns that say who a person is, sealed at rest (<see cref="SealedIdentity"/>): a copy of the store without the
/// master key names no one. Sign-in finds an account by <see cref="User.EmailIndex"/>, a blind index of its address.
/// </summary>
internal static class IdentityModel
{
    public static void Configure(ModelBuilder modelBuilder, IdentityKeyring? keys)
    {
        modelBuilder.Entity<Patient>(e =>
        {
            e.Property(p => p.DisplayName).IsSealedIdentity(keys);
            e.Property(p => p.DateOfBirth).IsSealedIdentity(keys);
        });
        modelBuilder.Entity<User>(e =>
        {
            e.Property(u => u.Email).IsSealedIdentity(keys);
            e.Property(u => u.DisplayName).IsSealedIdentity(keys);
            e.Property(u => u.EmailIndex).HasMaxLength(Fajma.Core.Crypto.IdentitySeal.IndexLength);
            e.HasIndex(u => u.EmailIndex).IsUnique();
        });
        modelBuilder.Entity<PagingContact>(e => e.Property(c => c.Phone).IsSealedIdentity(keys));
        modelBuilder.Entity<Follow>(e => e.Property(f => f.Name).IsSealedIdentity(keys));
        modelBuilder.Entity<ConsultationGuest>(e => e.Property(g => g.Name).IsSealedIdentity(keys));
    }
}
