using System.Security.Cryptography;
using System.Text;

namespace Fajma.Core.Fhir;

/// <summary>
/// FHIR logical ids are 1–64 of <c>A–Z a–z 0–9 - .</c>; a device id may also hold <c>_</c> and <c>:</c>. Such a device
/// gets a stable id from a hash of its own (its real id stays in <c>Device.identifier</c>); the others keep theirs.
/// </summary>
public static class FhirIds
{
    public static bool IsValid(string id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    public static string ForDevice(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (IsValid(deviceId)) return deviceId;
        return "d-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deviceId)))[..32];
    }
}
