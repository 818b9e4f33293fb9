namespace Fajma.Core.Messages;

/// <summary>
/// Reads a device timestamp. Devices send either wall-clock time (ISO 8601, or epoch milliseconds)
/// or, like the seed's ESP32 sketch with <c>millis()</c>, an uptime counter that says nothing about
/// the date. Numbers from 10^12 ms (2001-09-09) on are epoch time; smaller ones are uptime.
/// </summary>
public static class DeviceClock
{
    public const long EpochMillisecondsThreshold = 1_000_000_000_000;

    public static bool IsEpochMilliseconds(long value) => value >= EpochMillisecondsThreshold;
}
