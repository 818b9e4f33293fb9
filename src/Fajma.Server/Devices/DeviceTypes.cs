namespace Fajma.Server.Devices;

/// <summary>The kinds of sensor Fajma knows.</summary>
public static class DeviceTypes
{
    /// <summary>An ESP32 multi-sensor (heart rate, SpO2, temperature), as in the seed sketch.</summary>
    public const string Esp32Monitor = "esp32_monitor";

    public const string PulseOximeter = "pulse_oximeter";

    public const string BloodPressureMonitor = "blood_pressure_monitor";

    public const string Thermometer = "thermometer";

    /// <summary>A BLE heart-rate strap (0x180D / 0x2A37) relayed by the patient's phone.</summary>
    public const string BleHeartRate = "ble_heart_rate";

    public static IReadOnlyList<string> All { get; } = [Esp32Monitor, PulseOximeter, BloodPressureMonitor, Thermometer, BleHeartRate];
}
