using Fajma.Core.Consultations;

namespace Fajma.Server.Devices.Control;

/// <summary>The shared command contract's names: actions people ask for, the wire commands devices carry out, and the limits.</summary>
public static class DeviceCommandNames
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string SetSamplingRate = "set_sampling_rate";
    public const string ReadNow = "read_now";
    public const string Reboot = "reboot";
    public const string Calibrate = "calibrate";

    public static readonly IReadOnlyList<string> ControlActions = [Start, Stop, SetSamplingRate, ReadNow, Reboot];

    public static readonly IReadOnlyList<string> Sensors = ["heart_rate", "spo2", "temperature"];

    public static readonly IReadOnlyList<double> RateMultipliers = [0.5, 1, 2];

    public const int MinIntervalMs = 100;
    public const int MaxIntervalMs = 3_600_000;
    public const int MinTtlSeconds = 5;
    public const int MaxTtlSeconds = 86_400;
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>The wire command for an action (ARCHITECTURE's device command topic).</summary>
    public static string WireCommand(string action) => action switch
    {
        Start => "activate_monitoring",
        Stop => "deactivate_monitoring",
        ReadNow => "request_sensor_data",
        _ => action,
    };

    /// <summary>The action a stored wire command stands for; the handshake's older names read as what they do.</summary>
    public static string ActionOf(string command) => command switch
    {
        "activate_monitoring" => Start,
        "deactivate_monitoring" => Stop,
        "request_sensor_data" => ReadNow,
        "set_sampling_rate_low" or "set_sampling_rate_normal" => SetSamplingRate,
        _ => command,
    };

    public static string StatusText(DeviceCommandStatus status) => status.ToString().ToLowerInvariant();
}
