namespace Fajma.Core.Consultations;

/// <summary>Who asks for a transition: the consultation's doctor, its patient, the server itself (timeouts, completion), or an invited guest (who may ask for none).</summary>
public enum ConsultationRole
{
    Doctor,
    Patient,
    System,
    Guest,
}
