namespace Fajma.Server.Storage;

/// <summary>A doctor in a patient's care team: the doctor may see that patient's data.</summary>
public sealed class CareTeamMember
{
    public int DoctorId { get; set; }

    public int PatientId { get; set; }

    /// <summary>Care-team order: an unacknowledged alert pages the earliest doctor first, then the next (AlertEscalation).</summary>
    public DateTimeOffset JoinedAt { get; set; }
}
