using System.Text.Json;

namespace Fajma.Devices.Transport;

/// <summary>
/// What the server asked of a device's sampling, as its firmware keeps it: the interval between readings, whether it
/// monitors, its last calibration. The transports apply commands here; the loop that reads the sensors
/// (<c>DeviceFleet</c>) reads it, and its wait between readings ends on <see cref="Changed"/> — which is how a reading
/// asked for is sent at once.
/// </summary>
public sealed class DeviceControl
{
    private readonly Lock _gate = new();
    private long _version;

    /// <summary>Raised after each command that changed something (a reading asked for included), on the thread that applied it.</summary>
    public event Action? Changed;

    /// <summary>Counts the changes: a loop that saw one value and reads another has a command to act on.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Set by <c>set_sampling_rate</c>; null: the device's own rate.</summary>
    public TimeSpan? Interval { get; private set; }

    /// <summary>The older <c>set_sampling_rate_low</c>: half the device's own rate until <c>set_sampling_rate_normal</c>.</summary>
    public bool LowRate { get; private set; }

    /// <summary>Cleared by <c>deactivate_monitoring</c>, set again by <c>activate_monitoring</c>.</summary>
    public bool Monitoring { get; private set; } = true;

    public DateTimeOffset? LastCalibration { get; private set; }

    /// <summary>How many <c>reboot</c> commands the device carried out (each a reconnection).</summary>
    public int Reboots { get; private set; }

    /// <summary>The interval to read at, given the device's own.</summary>
    public TimeSpan Period(TimeSpan nominal) => Interval ?? (LowRate ? nominal * 2 : nominal);

    /// <summary>
    /// Carries out one command of the shared contract; the answer is (ok, null) or (error, why). Expired commands and
    /// unknown ones are refused, as the firmware does.
    /// </summary>
    public (bool Ok, string? Detail) Apply(JsonElement command, DateTimeOffset now)
    {
        if (command.ValueKind != JsonValueKind.Object) return (false, "a command is a JSON object");
        var name = command.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "";
        if (command.TryGetProperty("expires_at", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var expires) && expires < now.ToUnixTimeMilliseconds())
            return (false, "expired before it arrived");
        var parameters = command.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        switch (name)
        {
            case "activate_monitoring": Change(() => Monitoring = true); return (true, null);
            case "deactivate_monitoring": Change(() => Monitoring = false); return (true, null);
            case "set_sampling_rate_low": Change(() => (LowRate, Interval) = (true, null)); return (true, null);
            case "set_sampling_rate_normal": Change(() => (LowRate, Interval) = (false, null)); return (true, null);
            case "set_sampling_rate":
                if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("interval_ms", out var i)
                    || i.ValueKind != JsonValueKind.Number || !i.TryGetInt32(out var ms) || ms < 100)
                    return (false, "params.interval_ms must be an integer of at least 100");
                Change(() => (Interval, LowRate) = (TimeSpan.FromMilliseconds(ms), false));
                return (true, null);
            // Nothing to keep: the change ends the loop's wait, and the loop reads at once.
            case "request_sensor_data": Change(() => { }); return (true, null);
            case "calibrate":
                var sensor = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("sensor", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                if (sensor is not ("heart_rate" or "spo2" or "temperature")) return (false, "params.sensor must be heart_rate, spo2 or temperature");
                Change(() => LastCalibration = now);
                return (true, null);
            case "reboot": Change(() => Reboots++); return (true, null);
            default: return (false, $"unsupported command '{name}'");
        }
    }

    private void Change(Action change)
    {
        lock (_gate)
        {
            change();
            Interlocked.Increment(ref _version);
        }
        Changed?.Invoke();
    }
}
