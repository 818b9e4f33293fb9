using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>The mapping of what signing in keeps beside the account: password-reset links and the second factor.</summary>
internal static class SignInModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PasswordResetToken>(e =>
        {
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserMfa>(e =>
        {
            e.HasKey(m => m.UserId);
            e.HasOne<User>().WithOne().HasForeignKey<UserMfa>(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MfaRecoveryCode>(e =>
        {
            e.Property(c => c.CodeHash).HasMaxLength(64);
            e.HasIndex(c => new { c.UserId, c.CodeHash }).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MfaChallenge>(e =>
        {
            e.HasKey(c => c.ChallengeHash);
            e.Property(c => c.ChallengeHash).HasMaxLength(64);
            e.HasIndex(c => c.UserId);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
