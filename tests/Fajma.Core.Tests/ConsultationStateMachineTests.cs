using CsCheck;
using Fajma.Core.Consultations;

namespace Fajma.Core.Tests;

public sealed class ConsultationStateMachineTests
{
    // Half the requests are moves the graph has from the current state, so sequences reach deep states; half are anything.
    private static readonly Gen<(ConsultationTrigger Trigger, ConsultationRole By, bool WithReason, bool Plausible, int Pick)> s_request =
        Gen.Select(Gen.Enum<ConsultationTrigger>(), Gen.Enum<ConsultationRole>(), Gen.Bool, Gen.Bool, Gen.Int[0, 100]);

    [Fact]
    public void RandomRequestSequencesNeverLeaveTheGraphAndRefusalsChangeNothing()
    {
        s_request.Array[1, 40].Sample(requests =>
        {
            var state = ConsultationState.Scheduled;
            foreach (var (anyTrigger, anyRole, withReason, plausible, pick) in requests)
            {
                var moves = ConsultationStateMachine.Transitions.Where(t => t.From == state).ToList();
                var (trigger, by) = plausible && moves.Count > 0 ? (moves[pick % moves.Count].Trigger, moves[pick % moves.Count].By) : (anyTrigger, anyRole);
                var outcome = ConsultationStateMachine.Apply(state, trigger, by, withReason ? "network lost" : null);
                if (outcome.Applied)
                    Assert.Contains(ConsultationStateMachine.Transitions, t => t.From == state && t.Trigger == trigger && t.By == by && t.To == outcome.State);
                else
                {
                    Assert.Equal(state, outcome.State);
                    Assert.False(string.IsNullOrWhiteSpace(outcome.Refusal));
                }
                if (ConsultationStateMachine.IsFinal(state)) Assert.False(outcome.Applied);
                state = outcome.State;
            }
        }, iter: 2000);
    }

    [Fact]
    public void TheHandshakeLeadsFromScheduledToCompleted()
    {
        var state = ConsultationState.Scheduled;
        foreach (var (trigger, by) in new[]
                 {
                     (ConsultationTrigger.Start, ConsultationRole.Doctor), (ConsultationTrigger.Accept, ConsultationRole.Patient),
                     (ConsultationTrigger.Begin, ConsultationRole.Doctor), (ConsultationTrigger.StartRecording, ConsultationRole.Doctor),
                     (ConsultationTrigger.StopRecording, ConsultationRole.Doctor), (ConsultationTrigger.Pause, ConsultationRole.Doctor),
                     (ConsultationTrigger.Resume, ConsultationRole.Doctor), (ConsultationTrigger.End, ConsultationRole.Doctor),
                     (ConsultationTrigger.Complete, ConsultationRole.System),
                 })
        {
            var outcome = ConsultationStateMachine.Apply(state, trigger, by, consent: RecordingConsent.Given);
            Assert.True(outcome.Applied, outcome.Refusal);
            state = outcome.State;
        }
        Assert.Equal(ConsultationState.Completed, state);
    }

    [Theory]
    [InlineData(ConsultationState.Scheduled, ConsultationTrigger.Begin, ConsultationRole.Doctor, "cannot begin a consultation that is scheduled")]
    [InlineData(ConsultationState.Connecting, ConsultationTrigger.Accept, ConsultationRole.Doctor, "only the patient may accept the consultation")]
    [InlineData(ConsultationState.Completed, ConsultationTrigger.Start, ConsultationRole.Doctor, "the consultation is completed; nothing more can happen to it")]
    [InlineData(ConsultationState.Recording, ConsultationTrigger.Pause, ConsultationRole.Doctor, "cannot pause a consultation that is recording")]
    public void ARefusalSaysWhy(ConsultationState state, ConsultationTrigger trigger, ConsultationRole by, string refusal)
    {
        var outcome = ConsultationStateMachine.Apply(state, trigger, by);

        Assert.Equal((state, refusal), (outcome.State, outcome.Refusal));
    }

    [Fact]
    public void AFailureNeedsAReasonAndCanComeFromAnyLiveState()
    {
        Assert.False(ConsultationStateMachine.Apply(ConsultationState.Active, ConsultationTrigger.Fail, ConsultationRole.System).Applied);
        foreach (var state in Enum.GetValues<ConsultationState>())
        {
            var outcome = ConsultationStateMachine.Apply(state, ConsultationTrigger.Fail, ConsultationRole.System, "patient's connection lost");
            var live = state is not (ConsultationState.Scheduled or ConsultationState.Completed or ConsultationState.Failed or ConsultationState.Cancelled);
            Assert.Equal(live, outcome.Applied);
        }
    }
}
