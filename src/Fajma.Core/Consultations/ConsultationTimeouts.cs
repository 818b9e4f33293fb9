namespace Fajma.Core.Consultations;

/// <summary>How long a consultation may wait in a state before the server fails it, and the reason it gives.</summary>
public static class ConsultationTimeouts
{
    /// <summary>The limit for <paramref name="state"/>, or null when it may last (an active call, a scheduled one).</summary>
    public static TimeSpan? Limit(ConsultationState state) => state switch
    {
        ConsultationState.Connecting => TimeSpan.FromMinutes(15), // the invited patient never came out of the waiting room
        ConsultationState.IotSync => TimeSpan.FromMinutes(10),    // accepted, but the doctor never began
        ConsultationState.Paused => TimeSpan.FromMinutes(30),     // a pause longer than this is an abandoned call
        ConsultationState.Ending => TimeSpan.FromMinutes(60),     // ended but the record was never closed
        _ => null,
    };

    public static string Reason(ConsultationState state) =>
        $"timed out: {ConsultationStateMachine.Name(state)} for more than {Limit(state)?.TotalMinutes ?? 0} minutes";
}
