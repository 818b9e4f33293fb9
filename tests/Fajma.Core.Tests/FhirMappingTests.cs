using Fajma.Core.Fhir;
using Fajma.Core.Vitals;

namespace Fajma.Core.Tests;

/// <summary>The FHIR vital-signs table (LOINC, UCUM, profiles) and the date search values, against the R4 specification's examples.</summary>
public sealed class FhirMappingTests
{
    [Theory]
    [InlineData("heart_rate", "http://hl7.org/fhir/StructureDefinition/heartrate", "8867-4", "/min")]
    [InlineData("spo2", "http://hl7.org/fhir/StructureDefinition/oxygensat", "59408-5,2708-6", "%")]
    [InlineData("temperature", "http://hl7.org/fhir/StructureDefinition/bodytemp", "8310-5", "Cel")]
    [InlineData("blood_pressure", "http://hl7.org/fhir/StructureDefinition/bp", "85354-9", "mm[Hg]")]
    [InlineData("respiratory_rate", "http://hl7.org/fhir/StructureDefinition/resprate", "9279-1", "/min")]
    public void EachSignClaimsItsProfileCodesAndUcumUnit(string wireName, string profile, string codes, string ucum)
    {
        var mapped = VitalSignProfiles.For(wireName);
        Assert.Equal(profile, mapped.ProfileUrl);
        Assert.Equal(codes.Split(','), mapped.Codes);
        Assert.Equal(ucum, mapped.UcumUnit);
    }

    [Fact]
    public void BloodPressureIsAPanelOfSystolicAndDiastolicAndEverySignIsMapped()
    {
        var bp = VitalSignProfiles.For("blood_pressure");
        Assert.Equal(("8480-6", "8462-4"), (bp.SystolicCode, bp.DiastolicCode));
        Assert.Equal(VitalSigns.All.Select(s => s.WireName), VitalSignProfiles.All.Select(p => p.WireName));
        Assert.All(VitalSignProfiles.All.Where(p => !p.IsPanel), p => Assert.Null(p.SystolicCode));
    }

    [Theory]
    [InlineData("8867-4", "heart_rate")]
    [InlineData("http://loinc.org|8867-4", "heart_rate")]
    [InlineData("|59408-5", "spo2")]
    [InlineData("2708-6", "spo2")]
    [InlineData("85354-9", "blood_pressure")]
    [InlineData("http://loinc.org|8462-4", "blood_pressure")]
    [InlineData("9279-1", "respiratory_rate")]
    [InlineData("8310-5", "temperature")]
    [InlineData("http://snomed.info/sct|8867-4", null)]
    [InlineData("1234-5", null)]
    [InlineData("heart_rate", null)]
    public void ACodeTokenFindsItsSignOnlyUnderLoinc(string token, string? wireName)
    {
        var found = VitalSignProfiles.TryFindByToken(token, out var sign);
        Assert.Equal(wireName is not null, found);
        if (found) Assert.Equal(wireName, sign);
    }

    [Theory]
    [InlineData("2026-03-01", "eq", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")]
    [InlineData("ge2026-03", "ge", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")]
    [InlineData("lt2026", "lt", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("gt2026-03-01T10:15:00Z", "gt", "2026-03-01T10:15:00Z", "2026-03-01T10:15:01Z")]
    [InlineData("le2026-03-01T10:15+01:00", "le", "2026-03-01T09:15:00Z", "2026-03-01T09:16:00Z")]
    [InlineData("eq2026-03-01T10:15:00.5Z", "eq", "2026-03-01T10:15:00.5Z", "2026-03-01T10:15:00.6Z")]
    public void ADateValueIsItsPrefixAndTheRangeItsPrecisionImplies(string text, string prefix, string start, string end)
    {
        Assert.True(FhirDateSearch.TryParse(text, out var search));
        Assert.Equal(prefix, search.Prefix.ToString().ToLowerInvariant());
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), search.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), search.End);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026-03-01T10:15")] // a time needs its zone
    [InlineData("2026-03-01T25:00Z")]
    [InlineData("ne2026-03-01")] // not answered here: refused, not ignored
    [InlineData("sa2026-03-01")]
    [InlineData("2026-03-01T10:00+15:00")]
    public void AnythingElseIsRefused(string text) => Assert.False(FhirDateSearch.TryParse(text, out _));

    [Theory]
    [InlineData("2026-03-01", "2026-02-28T23:59:59Z", false)]
    [InlineData("2026-03-01", "2026-03-01T00:00:00Z", true)]
    [InlineData("2026-03-01", "2026-03-01T23:59:59Z", true)]
    [InlineData("2026-03-01", "2026-03-02T00:00:00Z", false)]
    [InlineData("ge2026-03-01", "2026-03-01T00:00:00Z", true)]
    [InlineData("gt2026-03-01", "2026-03-01T23:59:59Z", false)]
    [InlineData("gt2026-03-01", "2026-03-02T00:00:00Z", true)]
    [InlineData("le2026-03-01", "2026-03-01T23:59:59Z", true)]
    [InlineData("le2026-03-01", "2026-03-02T00:00:00Z", false)]
    [InlineData("lt2026-03-01", "2026-02-28T23:59:59Z", true)]
    [InlineData("lt2026-03-01", "2026-03-01T00:00:00Z", false)]
    public void AnInstantMatchesByPrefix(string text, string instant, bool matches)
    {
        Assert.True(FhirDateSearch.TryParse(text, out var search));
        Assert.Equal(matches, search.Matches(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("ESP32-A1", "ESP32-A1")]
    [InlineData("strap.7", "strap.7")]
    [InlineData("phone_12", "d-")]
    [InlineData("ble:AA:BB", "d-")]
    public void ADeviceKeepsItsIdUnlessFhirForbidsItsCharacters(string deviceId, string expectedStart)
    {
        var id = FhirIds.ForDevice(deviceId);
        Assert.StartsWith(expectedStart, id, StringComparison.Ordinal);
        Assert.True(FhirIds.IsValid(id));
        Assert.Equal(id, FhirIds.ForDevice(deviceId));
        if (expectedStart == "d-") Assert.NotEqual(FhirIds.ForDevice(deviceId + "x"), id);
    }
}
