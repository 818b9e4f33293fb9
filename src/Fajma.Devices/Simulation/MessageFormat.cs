namespace Fajma.Devices.Simulation;

public enum MessageFormat
{
    /// <summary>The ESP32 sketch's flat JSON (heart rate, SpO2, temperature; uptime timestamp).</summary>
    Flat,

    /// <summary>The standard message with all vitals, device status and checksum.</summary>
    Standard,
}
