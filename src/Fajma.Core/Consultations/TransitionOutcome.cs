namespace Fajma.Core.Consultations;

/// <summary>The answer to a requested transition: the new state, or why it is refused (the state is then unchanged).</summary>
public sealed record TransitionOutcome(ConsultationState State, string? Refusal)
{
    public bool Applied => Refusal is null;
}
