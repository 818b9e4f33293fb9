namespace Fajma.Core.Consultations;

/// <summary>One allowed move: from a state, on a trigger, by a role, to a state.</summary>
public sealed record ConsultationTransition(ConsultationState From, ConsultationTrigger Trigger, ConsultationRole By, ConsultationState To);
