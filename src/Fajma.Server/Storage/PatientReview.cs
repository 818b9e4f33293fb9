namespace Fajma.Server.Storage;

/// <summary>
/// A doctor of the care team looked at a patient on the triage board and marked them reviewed. Kept as a history (the
/// board shows the latest); the optional note is sealed under the patient's data key like every clinical text.
/// </summary>
public sealed class PatientReview
{
    public long Id { get; set; }

    public int PatientId { get; set; }

    public int DoctorId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The note (<see cref="Fajma.Core.Crypto.TextSeal"/>), or null when none was given.</summary>
    public byte[]? SealedNote { get; set; }
}
