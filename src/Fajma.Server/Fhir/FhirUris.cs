using System.Globalization;
using Fajma.Core.Fhir;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>References between resources and Fajma's own identifier systems.</summary>
public static class FhirUris
{
    public const string Base = "/fhir/R4";
    public const string DeviceSystem = "urn:fajma:device";
    public const string RelayedSensorSystem = "urn:fajma:relayed-sensor";
    public const string MessageSystem = "urn:fajma:device-message";
    public const string AlertRuleSystem = "urn:fajma:alert-rule";
    public const string UserSystem = "urn:fajma:user";

    public static R4.ResourceReference Patient(int id) => new($"Patient/{id.ToString(CultureInfo.InvariantCulture)}");

    public static R4.ResourceReference Device(string deviceId) => new($"Device/{FhirIds.ForDevice(deviceId)}");
}
