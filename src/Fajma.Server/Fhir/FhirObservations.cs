using Fajma.Core.Fhir;
using Fajma.Server.Observations;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>
/// A stored reading as a vital-signs Observation (hl7.org/fhir/R4/observation-vitalsigns.html): its specific profile,
/// LOINC codes, a UCUM quantity (blood pressure: two components under the 85354-9 panel), the device that sent it.
/// A reading relayed by a phone names the sensor as <c>device</c>: a contained Device with the sensor's name as
/// identifier and the phone (the registered Device that delivered it) as its <c>parent</c>.
/// </summary>
public static class FhirObservations
{
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static R4.Observation ToFhir(ObservationDto o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var profile = VitalSignProfiles.For(o.Type);
        var resource = new R4.Observation
        {
            Id = o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Meta = new R4.Meta { Profile = [VitalSignProfiles.VitalSignsProfile, profile.ProfileUrl], LastUpdated = o.ReceivedAt },
            Identifier = [new R4.Identifier(FhirUris.MessageSystem, $"{o.DeviceId}/{o.MessageId}/{o.Type}")],
            Status = R4.ObservationStatus.Final,
            Category = [new R4.CodeableConcept(CategorySystem, "vital-signs", "Vital Signs")],
            Code = new R4.CodeableConcept
            {
                Coding = [.. profile.Codes.Select(code => new R4.Coding(VitalSignProfiles.Loinc, code, code == profile.Codes[0] ? profile.Display : null))],
                Text = profile.Display,
            },
            Subject = FhirUris.Patient(o.PatientId),
            Effective = new R4.FhirDateTime(o.MeasuredAt),
            Issued = o.ReceivedAt,
        };
        if (profile.IsPanel)
        {
            resource.Component = [Component(profile.SystolicCode!, "Systolic blood pressure", o.Value, profile)];
            if (o.Diastolic is { } diastolic) resource.Component.Add(Component(profile.DiastolicCode!, "Diastolic blood pressure", diastolic, profile));
        }
        else
        {
            resource.Value = Quantity(o.Value, profile);
        }
        if (o.Source is { } sensor)
        {
            resource.Contained = [new R4.Device
            {
                Id = "sensor",
                Identifier = [new R4.Identifier(FhirUris.RelayedSensorSystem, sensor)],
                Parent = FhirUris.Device(o.DeviceId),
            }];
            resource.Device = new R4.ResourceReference("#sensor");
        }
        else
        {
            resource.Device = FhirUris.Device(o.DeviceId);
        }
        if (o.Quality is { } quality)
            resource.Note = [new R4.Annotation { Text = new R4.Markdown($"Device signal quality {quality}/100{(o.Doubtful ? " (below the bar alerts require)" : "")}.") }];
        return resource;
    }

    private static R4.Observation.ComponentComponent Component(string code, string display, double value, VitalSignProfile profile) => new()
    {
        Code = new R4.CodeableConcept(VitalSignProfiles.Loinc, code, display, display),
        Value = Quantity(value, profile),
    };

    private static R4.Quantity Quantity(double value, VitalSignProfile profile) => new()
    {
        Value = (decimal)value,
        Unit = profile.DisplayUnit,
        System = VitalSignProfiles.Ucum,
        Code = profile.UcumUnit,
    };
}
