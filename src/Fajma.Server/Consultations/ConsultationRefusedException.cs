namespace Fajma.Server.Consultations;

/// <summary>A request the consultation's rules refuse (wrong state, wrong person): the message says why, for the caller.</summary>
public sealed class ConsultationRefusedException(string message) : Exception(message);
