using Fajma.Core.Consultations;

namespace Fajma.Core.Tests;

public sealed class RecordingConsentTests
{
    [Theory]
    [InlineData(RecordingConsent.NotAsked, false, "the patient has not consented to recording this consultation (ask them first)")]
    [InlineData(RecordingConsent.Asked, false, "the patient has not consented to recording this consultation (the question is still open)")]
    [InlineData(RecordingConsent.Refused, false, "the patient has not consented to recording this consultation (they refused)")]
    [InlineData(RecordingConsent.Withdrawn, false, "the patient has not consented to recording this consultation (they withdrew it)")]
    [InlineData(RecordingConsent.Given, true, null)]
    public void RecordingStartsOnlyWithTheGivenConsentAndARefusalNamesWhy(RecordingConsent consent, bool applied, string? refusal)
    {
        var outcome = ConsultationStateMachine.Apply(ConsultationState.Active, ConsultationTrigger.StartRecording, ConsultationRole.Doctor, consent: consent);

        Assert.Equal((applied, refusal, applied ? ConsultationState.Recording : ConsultationState.Active), (outcome.Applied, outcome.Refusal, outcome.State));
    }

    [Theory]
    // state, consent before, who, allow → consent after, forced move, refusal
    [InlineData(ConsultationState.Active, RecordingConsent.Asked, ConsultationRole.Patient, true, RecordingConsent.Given, null, null)]
    [InlineData(ConsultationState.Active, RecordingConsent.Asked, ConsultationRole.Patient, false, RecordingConsent.Refused, null, null)]
    [InlineData(ConsultationState.Active, RecordingConsent.Refused, ConsultationRole.Patient, true, RecordingConsent.Given, null, null)]
    [InlineData(ConsultationState.Active, RecordingConsent.Given, ConsultationRole.Patient, false, RecordingConsent.Withdrawn, null, null)]
    [InlineData(ConsultationState.Recording, RecordingConsent.Given, ConsultationRole.Patient, false, RecordingConsent.Withdrawn, ConsultationTrigger.WithdrawConsent, null)]
    [InlineData(ConsultationState.Scheduled, RecordingConsent.NotAsked, ConsultationRole.Patient, true, RecordingConsent.Given, null, null)]
    [InlineData(ConsultationState.Active, RecordingConsent.Asked, ConsultationRole.Doctor, true, RecordingConsent.Asked, null, "only the patient may consent to recording")]
    [InlineData(ConsultationState.Active, RecordingConsent.Asked, ConsultationRole.Guest, true, RecordingConsent.Asked, null, "only the patient may consent to recording")]
    [InlineData(ConsultationState.Completed, RecordingConsent.Given, ConsultationRole.Patient, false, RecordingConsent.Given, null, "the consultation is completed; nothing more can happen to it")]
    public void OnlyThePatientAnswersAndAWithdrawalDuringARecordingStopsIt(ConsultationState state, RecordingConsent before, ConsultationRole by, bool allow,
        RecordingConsent after, ConsultationTrigger? forces, string? refusal)
    {
        var outcome = RecordingConsentGate.Answer(state, before, by, allow);

        Assert.Equal((after, forces, refusal), (outcome.Consent, outcome.Forces, outcome.Refusal));
    }

    [Theory]
    [InlineData(ConsultationState.Active, RecordingConsent.NotAsked, ConsultationRole.Doctor, RecordingConsent.Asked, null)]
    [InlineData(ConsultationState.Active, RecordingConsent.Refused, ConsultationRole.Doctor, RecordingConsent.Asked, null)]
    [InlineData(ConsultationState.Active, RecordingConsent.Given, ConsultationRole.Doctor, RecordingConsent.Given, null)]
    [InlineData(ConsultationState.Scheduled, RecordingConsent.NotAsked, ConsultationRole.Doctor, RecordingConsent.NotAsked, "the call is not live: the consultation is scheduled")]
    [InlineData(ConsultationState.Active, RecordingConsent.NotAsked, ConsultationRole.Patient, RecordingConsent.NotAsked, "only the doctor may ask for consent to record")]
    public void TheDoctorAsksDuringTheCallWithoutOverwritingAGivenConsent(ConsultationState state, RecordingConsent before, ConsultationRole by,
        RecordingConsent after, string? refusal)
    {
        var outcome = RecordingConsentGate.Ask(state, before, by);

        Assert.Equal((after, (ConsultationTrigger?)null, refusal), (outcome.Consent, outcome.Forces, outcome.Refusal));
    }

    [Fact]
    public void AWithdrawalMovesARecordingBackToActiveAndOnlyThePatientMayWithdraw()
    {
        Assert.Equal(ConsultationState.Active, ConsultationStateMachine.Apply(ConsultationState.Recording, ConsultationTrigger.WithdrawConsent, ConsultationRole.Patient).State);
        Assert.Equal("only the patient may withdraw_consent the consultation",
            ConsultationStateMachine.Apply(ConsultationState.Recording, ConsultationTrigger.WithdrawConsent, ConsultationRole.Doctor).Refusal);
    }
}
