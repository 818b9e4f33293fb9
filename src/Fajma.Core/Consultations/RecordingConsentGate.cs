namespace Fajma.Core.Consultations;

/// <summary>
/// Recording needs the patient's explicit consent in this consultation: the doctor asks, only the patient answers,
/// a refusal keeps the call unrecorded and a withdrawal stops a recording under way.
/// </summary>
public static class RecordingConsentGate
{
    public const string NoConsent = "the patient has not consented to recording this consultation";

    /// <summary>Why <paramref name="trigger"/> is refused for lack of consent, or null.</summary>
    public static string? Refusal(ConsultationTrigger trigger, RecordingConsent consent) =>
        trigger == ConsultationTrigger.StartRecording && consent != RecordingConsent.Given
            ? consent switch
            {
                RecordingConsent.Refused => NoConsent + " (they refused)",
                RecordingConsent.Withdrawn => NoConsent + " (they withdrew it)",
                RecordingConsent.Asked => NoConsent + " (the question is still open)",
                _ => NoConsent + " (ask them first)",
            }
            : null;

    /// <summary>The doctor asks (again, after a refusal): only while the call is live, and never over a consent already given.</summary>
    public static ConsentOutcome Ask(ConsultationState state, RecordingConsent current, ConsultationRole by)
    {
        if (by != ConsultationRole.Doctor) return new(current, null, "only the doctor may ask for consent to record");
        if (!ConsultationStateMachine.IsLive(state)) return new(current, null, $"the call is not live: the consultation is {ConsultationStateMachine.Name(state)}");
        return current == RecordingConsent.Given ? new(current, null, null) : new(RecordingConsent.Asked, null, null);
    }

    /// <summary>The patient answers (or changes their mind) while the consultation is not over; withdrawing during a recording stops it.</summary>
    public static ConsentOutcome Answer(ConsultationState state, RecordingConsent current, ConsultationRole by, bool allow)
    {
        if (by != ConsultationRole.Patient) return new(current, null, "only the patient may consent to recording");
        if (ConsultationStateMachine.IsFinal(state)) return new(current, null, $"the consultation is {ConsultationStateMachine.Name(state)}; nothing more can happen to it");
        if (allow) return new(RecordingConsent.Given, null, null);
        var next = current == RecordingConsent.Given ? RecordingConsent.Withdrawn : RecordingConsent.Refused;
        return new(next, state == ConsultationState.Recording ? ConsultationTrigger.WithdrawConsent : null, null);
    }
}
