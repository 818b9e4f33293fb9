using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>The nudges table's mapping.</summary>
internal static class NudgeModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Nudge>(e =>
        {
            e.Property(n => n.Id).ValueGeneratedNever();
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(n => n.DeviceId).HasMaxLength(64);
            e.HasIndex(n => new { n.PatientId, n.RaisedAt });
            e.HasIndex(n => new { n.DeviceId, n.Kind }).IsUnique().HasFilter("cleared_at IS NULL");
            e.HasOne<Patient>().WithMany().HasForeignKey(n => n.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
