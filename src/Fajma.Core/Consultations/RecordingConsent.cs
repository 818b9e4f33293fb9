namespace Fajma.Core.Consultations;

/// <summary>The patient's answer about recording one consultation: nothing is recorded unless it is <see cref="Given"/>.</summary>
public enum RecordingConsent
{
    NotAsked,
    /// <summary>The doctor asked; the patient's room shows the question until it is answered.</summary>
    Asked,
    Given,
    Refused,
    /// <summary>Given, then taken back: a recording under way stops.</summary>
    Withdrawn,
}
