namespace Fajma.Core.Messages;

public enum WireFormat
{
    /// <summary>Seed 000 §2.2A: header / payload / signature.</summary>
    Standard,

    /// <summary>Seed 002: the ESP32 sketch's flat <c>{device_id, timestamp, heart_rate, spo2, temperature}</c>.</summary>
    FlatEsp32,
}
