namespace Fajma.Core.Vitals;

/// <summary>
/// How one vital sign is named on the wire, coded (LOINC), measured (UCUM unit) and bounded.
/// Blood pressure carries two values; its diastolic part has its own code and range.
/// </summary>
public sealed record VitalSignDefinition(
    VitalSignType Type,
    string WireName,
    string Loinc,
    string Display,
    string UcumUnit,
    string DisplayUnit,
    PlausibleRange Range,
    IReadOnlyList<string> AcceptedUnits,
    string? DiastolicLoinc = null,
    PlausibleRange? DiastolicRange = null)
{
    public bool HasTwoValues => DiastolicRange is not null;
}
