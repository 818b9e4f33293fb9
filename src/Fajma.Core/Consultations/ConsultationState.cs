namespace Fajma.Core.Consultations;

/// <summary>A consultation's life (seed 000 §3.1), plus <see cref="Cancelled"/> for one called off before it started.</summary>
public enum ConsultationState
{
    Scheduled,
    Connecting,
    IotSync,
    Active,
    Paused,
    Recording,
    Ending,
    Completed,
    Failed,
    Cancelled,
}
