namespace Fajma.Core.Ble;

/// <summary>
/// Byte 0 of the Heart Rate Measurement. Bits 5–7 are reserved for future use: a reader ignores them (a newer strap may set
/// them) and a writer leaves them zero.
/// </summary>
[Flags]
internal enum HeartRateMeasurementFlags : byte
{
    None = 0,

    /// <summary>Bit 0: the heart rate is a uint16 (little-endian) rather than a uint8.</summary>
    HeartRateIsUInt16 = 0b0000_0001,

    /// <summary>Bit 1: skin contact is detected (meaningful only with <see cref="ContactSupported"/>).</summary>
    ContactDetected = 0b0000_0010,

    /// <summary>Bit 2: the sensor can detect skin contact.</summary>
    ContactSupported = 0b0000_0100,

    /// <summary>Bit 3: a uint16 energy expended (kJ) follows the heart rate.</summary>
    EnergyExpendedPresent = 0b0000_1000,

    /// <summary>Bit 4: one or more uint16 RR intervals fill the rest of the value.</summary>
    RrIntervalsPresent = 0b0001_0000,
}
