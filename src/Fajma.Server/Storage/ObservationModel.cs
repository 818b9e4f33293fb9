using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>
/// The observations table's mapping, and of the minutes that say where each type's readings are. Every index on observations
/// costs a page written per reading (a reading of three signs touched three leaves of an index by type), so there is one
/// index by (patient, time), and the type's minutes (<see cref="ObservationMinute"/>) narrow a read by type to the minutes
/// that hold it — the database keeps them itself, by a trigger on observations (migration ObservationMinutes), so no writer can forget one.
/// </summary>
internal static class ObservationModel
{
    /// <summary>A minute, in the stored unit (ms): <see cref="ObservationMinute.Start"/> is <c>measured_at - measured_at % 60000</c>.</summary>
    public const long MinuteMilliseconds = 60_000;

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Observation>(e =>
        {
            e.HasOne(o => o.Message).WithMany().HasForeignKey(o => o.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Patient>().WithMany().HasForeignKey(o => o.PatientId).OnDelete(DeleteBehavior.Cascade);
            // History reads are "this patient, newest first"; a read by type goes through the type's minutes first.
            e.HasIndex(o => new { o.PatientId, o.MeasuredAt, o.Id });
        });
        modelBuilder.Entity<ObservationMinute>(e =>
        {
            e.HasKey(m => new { m.PatientId, m.Type, m.Start });
            e.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
