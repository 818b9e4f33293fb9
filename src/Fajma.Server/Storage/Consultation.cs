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

    /// <summary>The patient's answer about recording this consultation (<see cref="RecordingConsentGate"/>).</summary>
    public RecordingConsent RecordingConsent { get; set; }

    /// <summary>The invitation's iCalendar SEQUENCE: 0 when scheduled, one more at each move or the cancellation.</summary>
    public int InvitationSequence { get; set; }

    /// <summary>When the current time was announced (scheduled or last moved): reminders due before it are not sent.</summary>
    public DateTimeOffset AnnouncedAt { get; set; }

    /// <summary>The visit time the day-before reminder was sent for: a moved visit gets its own.</summary>
    public DateTimeOffset? DayReminderSentFor { get; set; }

    /// <summary>The visit time the ten-minute reminder was sent for.</summary>
    public DateTimeOffset? SoonReminderSentFor { get; set; }

    /// <summary>Highest chat sequence used: the next message gets the one after.</summary>
    public long LastChatSequence { get; set; }
}
