namespace Fajma.Core.Ble;

/// <summary>
/// Flags bits 1–2 of the Heart Rate Measurement: whether the strap can tell it touches skin, and if so whether it does.
/// A rate sent while <see cref="NotDetected"/> is likely noise, so the relay keeps the status next to the value.
/// </summary>
public enum HeartRateSensorContact
{
    /// <summary>The sensor has no contact detection (bits 0b00 or 0b01): nothing can be said either way.</summary>
    NotSupported,

    /// <summary>Contact detection is supported and the sensor is not on the skin (bits 0b10).</summary>
    NotDetected,

    /// <summary>Contact detection is supported and the sensor is on the skin (bits 0b11).</summary>
    Detected,
}
