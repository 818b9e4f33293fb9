namespace Fajma.Server.Live;

/// <summary>A live payload with a measured and an arrival time: its push latency is measured when it leaves for a screen.</summary>
public interface ITimedReading
{
    DateTimeOffset MeasuredAt { get; }

    DateTimeOffset ReceivedAt { get; }

    /// <summary><c>device</c> when <see cref="MeasuredAt"/> is the device's clock.</summary>
    string ClockSource { get; }
}
