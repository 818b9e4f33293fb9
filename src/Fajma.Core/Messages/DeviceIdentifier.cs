namespace Fajma.Core.Messages;

/// <summary>
/// Device identifiers: 1–64 characters of letters, digits and <c>. _ : -</c>, which covers the seed's
/// <c>FAJMA-IOT-001</c> and the ESP32 sketch's MAC address, and is safe inside an MQTT topic level.
/// </summary>
public static class DeviceIdentifier
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    public const string Rule = "must be 1–64 letters, digits or . _ : -";
}
