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
            e.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
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
        modelBuilder.Entity<PatientAlarmProfile>(e =>
        {
            e.HasKey(p => p.PatientId);
            e.Property(p => p.PatientId).ValueGeneratedNever();
            e.Property(p => p.TimeZone).HasMaxLength(64);
            e.Property(p => p.Document).HasMaxLength(32_000); // at most 32 of each list (AlarmProfile.MaxItems)
            e.HasOne<Patient>().WithMany().HasForeignKey(p => p.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PatientAlarmSnooze>(e =>
        {
            e.Property(s => s.Rule).HasMaxLength(160);
            e.HasIndex(s => new { s.PatientId, s.Until });
            e.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<News2Assessment>(e =>
        {
            e.HasKey(a => a.PatientId);
            e.Property(a => a.PatientId).ValueGeneratedNever();
            e.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
