using Fajma.Core.Consultations;

namespace Fajma.Server.Storage;

/// <summary>A doctor meets a patient: scheduled, then live (video, chat, vitals), then closed with a note.</summary>
public sealed class Consultation
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    /// <summary>The doctor's user id.</summary>
    public int DoctorId { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }

    public required string Reason { get; set; }

    public ConsultationState State { get; set; }

    /// <summary>When <see cref="State"/> was entered: timeouts count from here.</summary>
    public DateTimeOffset StateChangedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>The doctor's closing note, sealed under the patient's data key (<see cref="Fajma.Core.Crypto.TextSeal"/>).</summary>
    public byte[]? NoteSealed { get; set; }

    /// <summary>Highest chat sequence used: the next message gets the one after.</summary>
    public long LastChatSequence { get; set; }
}
