namespace Fajma.Core.Messages;

/// <summary>
/// <c>header.source</c>: the sensor a gateway relays, when the device that signs (<c>header.device_id</c>) is the gateway —
/// the patient's phone or a desktop relay — and the reading comes from another sensor, such as a BLE heart-rate strap
/// (<c>"ble:Polar H10 7A3B"</c>). Both are recorded on each observation. Optional; printable text, 1–128 characters.
/// </summary>
public static class RelayedSource
{
    public const int MaxLength = 128;

    public const string Rule = "must be 1 to 128 printable characters naming the relayed sensor, e.g. \"ble:Polar H10 7A3B\"";

    public static bool IsValid(string value) =>
        value.Length <= MaxLength && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);
}
