namespace Fajma.Server.Devices.Control;

/// <summary>Configuration section <c>DeviceControl</c>.</summary>
public sealed class DeviceControlOptions
{
    public const string Section = "DeviceControl";

    /// <summary>After sending, how long a device has to answer before the command ends in timeout.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each node looks for commands to send, expire or time out (a connecting device is served at once anyway).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A device's nominal interval between readings when none is stored for it: what a rate multiplier is relative to.</summary>
    public int NominalIntervalMs { get; set; } = 1000;

    /// <summary>Time to live of a command when the caller gives none.</summary>
    public int DefaultTtlSeconds { get; set; } = 300;
}
