using System.Collections.Frozen;

namespace Fajma.Core.Consultations;

/// <summary>
/// The consultation graph, complete where the seed wrote "...": pause and resume, recording on and off
/// (recording stops before a pause, and needs the patient's consent), end then complete, failure with a reason from any live state,
/// cancellation before the start. Completed, Failed and Cancelled are final.
/// </summary>
public static class ConsultationStateMachine
{
    private static readonly ConsultationState[] s_live =
    [
        ConsultationState.Connecting, ConsultationState.IotSync, ConsultationState.Active,
        ConsultationState.Paused, ConsultationState.Recording, ConsultationState.Ending,
    ];

    public static IReadOnlyList<ConsultationTransition> Transitions { get; } =
    [
        new(ConsultationState.Scheduled, ConsultationTrigger.Start, ConsultationRole.Doctor, ConsultationState.Connecting),
        new(ConsultationState.Scheduled, ConsultationTrigger.Cancel, ConsultationRole.Doctor, ConsultationState.Cancelled),
        new(ConsultationState.Connecting, ConsultationTrigger.Accept, ConsultationRole.Patient, ConsultationState.IotSync),
        new(ConsultationState.IotSync, ConsultationTrigger.Begin, ConsultationRole.Doctor, ConsultationState.Active),
        new(ConsultationState.Active, ConsultationTrigger.Pause, ConsultationRole.Doctor, ConsultationState.Paused),
        new(ConsultationState.Paused, ConsultationTrigger.Resume, ConsultationRole.Doctor, ConsultationState.Active),
        new(ConsultationState.Active, ConsultationTrigger.StartRecording, ConsultationRole.Doctor, ConsultationState.Recording),
        new(ConsultationState.Recording, ConsultationTrigger.StopRecording, ConsultationRole.Doctor, ConsultationState.Active),
        new(ConsultationState.Recording, ConsultationTrigger.WithdrawConsent, ConsultationRole.Patient, ConsultationState.Active),
        new(ConsultationState.Active, ConsultationTrigger.End, ConsultationRole.Doctor, ConsultationState.Ending),
        new(ConsultationState.Paused, ConsultationTrigger.End, ConsultationRole.Doctor, ConsultationState.Ending),
        new(ConsultationState.Recording, ConsultationTrigger.End, ConsultationRole.Doctor, ConsultationState.Ending),
        // Before the call begins, the doctor may still give up: that ends it too (no note needed, but allowed).
        new(ConsultationState.Connecting, ConsultationTrigger.End, ConsultationRole.Doctor, ConsultationState.Ending),
        new(ConsultationState.IotSync, ConsultationTrigger.End, ConsultationRole.Doctor, ConsultationState.Ending),
        new(ConsultationState.Ending, ConsultationTrigger.Complete, ConsultationRole.System, ConsultationState.Completed),
        .. s_live.Select(s => new ConsultationTransition(s, ConsultationTrigger.Fail, ConsultationRole.System, ConsultationState.Failed)),
    ];

    private static readonly FrozenDictionary<(ConsultationState, ConsultationTrigger), ConsultationTransition> s_byMove =
        Transitions.ToFrozenDictionary(t => (t.From, t.Trigger));

    public static bool IsFinal(ConsultationState state) =>
        state is ConsultationState.Completed or ConsultationState.Failed or ConsultationState.Cancelled;

    /// <summary>A live call: participants may exchange media and signaling.</summary>
    public static bool IsLive(ConsultationState state) => s_live.Contains(state) && state != ConsultationState.Ending;

    /// <summary>The triggers <paramref name="role"/> may ask for now (what the room offers as buttons).</summary>
    public static IEnumerable<ConsultationTrigger> Allowed(ConsultationState state, ConsultationRole role) =>
        Transitions.Where(t => t.From == state && t.By == role).Select(t => t.Trigger);

    /// <summary>
    /// Applies <paramref name="trigger"/> if the graph allows it for <paramref name="by"/> (and, to record, the patient's
    /// <paramref name="consent"/> is given: <see cref="RecordingConsentGate"/>); otherwise says why, state unchanged.
    /// </summary>
    public static TransitionOutcome Apply(ConsultationState state, ConsultationTrigger trigger, ConsultationRole by, string? reason = null,
        RecordingConsent consent = RecordingConsent.NotAsked)
    {
        if (trigger == ConsultationTrigger.Fail && string.IsNullOrWhiteSpace(reason))
            return new(state, "a failure needs a reason");
        if (!s_byMove.TryGetValue((state, trigger), out var move))
            return new(state, IsFinal(state)
                ? $"the consultation is {Name(state)}; nothing more can happen to it"
                : $"cannot {Name(trigger)} a consultation that is {Name(state)}");
        if (move.By != by)
            return new(state, $"only the {move.By.ToString().ToLowerInvariant()} may {Name(trigger)} the consultation");
        if (RecordingConsentGate.Refusal(trigger, consent) is { } refusal) return new(state, refusal);
        return new(move.To, null);
    }

    /// <summary>The wire name: <c>iot_sync</c>, <c>start_recording</c> (the seed's lower snake case).</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
