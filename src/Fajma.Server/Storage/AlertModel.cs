using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>The alert tables' mapping, kept apart so the context stays a table of contents.</summary>
internal static class AlertModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Alert>(e =>
        {
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Rule).HasMaxLength(160);
            e.Property(a => a.DeviceId).HasMaxLength(64);
            e.Property(a => a.SourceMessageId).HasMaxLength(128);
            e.HasIndex(a => new { a.PatientId, a.RaisedAt });
            e.HasIndex(a => a.Status);
            e.HasIndex(a => new { a.DeviceId, a.SourceMessageId }).IsUnique();
            e.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AlertPreference>(e =>
        {
            e.HasKey(p => new { p.UserId, p.Severity });
            e.Property(p => p.Severity).HasConversion<string>().HasMaxLength(16);
            e.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<News2Assessment>(e =>
        {
            e.HasKey(a => a.PatientId);
            e.Property(a => a.PatientId).ValueGeneratedNever();
            e.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
