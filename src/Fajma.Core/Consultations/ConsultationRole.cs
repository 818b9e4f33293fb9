namespace Fajma.Core.Consultations;

/// <summary>Who asks for a transition: the consultation's doctor, its patient, or the server itself (timeouts, completion).</summary>
public enum ConsultationRole
{
    Doctor,
    Patient,
    System,
}
