using System.Collections.Frozen;
using Fajma.Core.Vitals;

namespace Fajma.Core.Fhir;

/// <summary>
/// The one table from Fajma's vital signs (wire names, <see cref="VitalSigns"/>) to FHIR R4 Observations under the
/// vital-signs profiles (hl7.org/fhir/R4/observation-vitalsigns.html), and back from a searched code.
/// </summary>
public static class VitalSignProfiles
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string VitalSignsProfile = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
    private const string Base = "http://hl7.org/fhir/StructureDefinition/";

    // SpO2: the oxygensat profile fixes 2708-6 (arterial oxygen saturation) beside the pulse-oximetry code 59408-5.
    // Blood pressure: the bp profile is the 85354-9 panel, its numbers in components 8480-6 and 8462-4, no value of its own.
    public static IReadOnlyList<VitalSignProfile> All { get; } =
    [
        From(VitalSigns.HeartRate, Base + "heartrate", []),
        From(VitalSigns.OxygenSaturation, Base + "oxygensat", ["2708-6"]),
        From(VitalSigns.BodyTemperature, Base + "bodytemp", []),
        new(VitalSigns.BloodPressure.WireName, Base + "bp", [VitalSigns.BloodPressurePanelLoinc], "Blood pressure panel with all children optional",
            VitalSigns.BloodPressure.UcumUnit, VitalSigns.BloodPressure.DisplayUnit, VitalSigns.BloodPressure.Loinc, VitalSigns.BloodPressure.DiastolicLoinc),
        From(VitalSigns.RespiratoryRate, Base + "resprate", []),
    ];

    private static readonly FrozenDictionary<string, VitalSignProfile> s_byWireName = All.ToFrozenDictionary(p => p.WireName, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_wireNameByCode = All
        .SelectMany(p => p.Codes.Concat(p.IsPanel ? [p.SystolicCode!, p.DiastolicCode!] : []).Select(code => (code, p.WireName)))
        .ToFrozenDictionary(x => x.code, x => x.WireName, StringComparer.Ordinal);

    private static VitalSignProfile From(VitalSignDefinition sign, string profileUrl, string[] moreCodes) =>
        new(sign.WireName, profileUrl, [sign.Loinc, .. moreCodes], sign.Display, sign.UcumUnit, sign.DisplayUnit);

    public static VitalSignProfile For(string wireName) => s_byWireName[wireName];

    public static bool TryFor(string wireName, out VitalSignProfile profile) => s_byWireName.TryGetValue(wireName, out profile!);

    /// <summary>
    /// The sign a search's <c>code</c> token names: <c>code</c>, <c>|code</c> or <c>http://loinc.org|code</c>; a blood
    /// pressure component code finds the panel. Any other system names nothing.
    /// </summary>
    public static bool TryFindByToken(string token, out string wireName)
    {
        ArgumentNullException.ThrowIfNull(token);
        wireName = "";
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        var system = bar < 0 ? null : token[..bar];
        var code = bar < 0 ? token : token[(bar + 1)..];
        if (system is { Length: > 0 } && system != Loinc) return false;
        return s_wireNameByCode.TryGetValue(code, out wireName!);
    }
}
