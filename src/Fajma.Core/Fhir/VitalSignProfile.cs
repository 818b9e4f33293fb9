namespace Fajma.Core.Fhir;

/// <summary>
/// How one of Fajma's vital signs is written as a FHIR R4 Observation: the specific vital-signs profile it claims, its
/// LOINC codes (the first is the sign's own, the others are what the profile also requires), and for blood pressure
/// the two component codes under the panel.
/// </summary>
public sealed record VitalSignProfile(
    string WireName,
    string ProfileUrl,
    IReadOnlyList<string> Codes,
    string Display,
    string UcumUnit,
    string DisplayUnit,
    string? SystolicCode = null,
    string? DiastolicCode = null)
{
    public bool IsPanel => SystolicCode is not null;
}
