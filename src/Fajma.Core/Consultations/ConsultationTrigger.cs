namespace Fajma.Core.Consultations;

/// <summary>What is asked of a consultation: the handshake steps (seed 000 §3.2) and the room's controls.</summary>
public enum ConsultationTrigger
{
    /// <summary>START_CONSULTATION: the doctor opens the call; the patient is invited.</summary>
    Start,
    /// <summary>ACCEPT_CONSULTATION: the patient leaves the waiting room; devices are activated.</summary>
    Accept,
    /// <summary>BEGIN_CONSULTATION: the doctor begins, whichever devices are ready.</summary>
    Begin,
    Pause,
    Resume,
    StartRecording,
    StopRecording,
    End,
    /// <summary>The doctor's note is stored: the record is closed.</summary>
    Complete,
    /// <summary>A live consultation breaks down (a timeout, a lost participant): always with a reason.</summary>
    Fail,
    Cancel,
    /// <summary>The patient takes back their consent during a recording: it stops (the call goes on unrecorded).</summary>
    WithdrawConsent,
}
