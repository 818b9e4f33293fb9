using Fajma.Core.Vitals;
using Fajma.Core.Wire;

namespace Fajma.Devices.Simulation;

/// <summary>One simulated sensor: turns the generator's readings into wire messages, as firmware would.</summary>
/// <remarks><paramref name="measures"/> limits a standard-format device to what its hardware measures (all vitals when null).</remarks>
/// <paramref name="secret"/> is the device secret issued at provisioning; every message is signed with it.
public sealed class SimulatedDevice(string deviceId, MessageFormat format, VitalSignsGenerator generator, TimeProvider time,
    IReadOnlySet<VitalSignType>? measures = null, byte[]? secret = null)
{
    private readonly long _bootedAt = time.GetTimestamp();
    private int _battery = 100;
    private long _lastUptime = -1;

    public string DeviceId { get; } = deviceId;

    public VitalSignsGenerator Generator { get; } = generator;

    /// <summary>The next message and its key, the id the server reports back (<c>messageId</c> of each observation).</summary>
    public (byte[] Body, string MessageKey) NextMessage(double secondsSinceLast)
    {
        var now = time.GetUtcNow();
        var readings = Generator.Next(secondsSinceLast, format == MessageFormat.Standard ? now : null)
            .Where(m => measures is null || measures.Contains(m.Type)).ToList();
        if (format == MessageFormat.Flat)
        {
            // millis() since boot; never repeats, since the server keys flat messages on it.
            var uptime = Math.Max(_lastUptime + 1, (long)time.GetElapsedTime(_bootedAt).TotalMilliseconds);
            _lastUptime = uptime;
            var flat = new FlatDeviceMessage(DeviceId, uptime,
                Value(readings, VitalSignType.HeartRate), Value(readings, VitalSignType.OxygenSaturation), Value(readings, VitalSignType.BodyTemperature));
            return (StandardMessageBuilder.Flat(flat, secret), "ts:" + uptime.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (Random.Shared.NextDouble() < 0.01) _battery = Math.Max(5, _battery - 1);
        var status = new WireDeviceStatus(_battery, -45 - Random.Shared.Next(30), null);
        var id = Guid.CreateVersion7();
        var message = StandardMessageBuilder.Build(DeviceId, id, now, readings, status, secret: secret);
        return (StandardMessageBuilder.ToUtf8(message), id.ToString());
    }

    private static double? Value(IReadOnlyList<Measurement> readings, VitalSignType type) =>
        readings.FirstOrDefault(m => m.Type == type)?.Value;
}
