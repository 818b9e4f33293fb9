using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Devices.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Devices.Tests;

public sealed class SimulatedDeviceTests
{
    private static VitalSignsGenerator Generator() => new(PatientProfile.Typical(new Random(1)), new Random(1), 0);

    [Fact]
    public void FlatMessagesAreTheSeedSketchFormatWithAStrictlyIncreasingUptime()
    {
        var time = new FakeTimeProvider();
        var device = new SimulatedDevice("24:6F:28:00:00:01", MessageFormat.Flat, Generator(), time);

        var first = device.NextMessage(1);
        var second = device.NextMessage(1); // same instant: the key must still differ
        time.Advance(TimeSpan.FromSeconds(5));
        var third = device.NextMessage(5);

        var parsed = DeviceMessageParser.Parse(first.Body);
        Assert.True(parsed.IsValid, parsed.Rejection?.Summary);
        Assert.Equal(WireFormat.FlatEsp32, parsed.Value.Format);
        Assert.Equal(first.MessageKey, parsed.Value.MessageKey);
        Assert.Equal(3, parsed.Value.Measurements.Count);
        Assert.Equal(3, new[] { first.MessageKey, second.MessageKey, third.MessageKey }.Distinct().Count());
        Assert.Equal("ts:5000", third.MessageKey);
    }

    [Fact]
    public void StandardMessagesCarryAValidChecksumAndOnlyWhatTheDeviceMeasures()
    {
        var cuff = new SimulatedDevice("CUFF-1", MessageFormat.Standard, Generator(), new FakeTimeProvider(),
            new HashSet<VitalSignType> { VitalSignType.BloodPressure, VitalSignType.RespiratoryRate });

        var (body, key) = cuff.NextMessage(1);
        var parsed = DeviceMessageParser.Parse(body);

        Assert.True(parsed.IsValid, parsed.Rejection?.Summary);
        Assert.Equal(key, parsed.Value.MessageKey);
        Assert.Equal([VitalSignType.BloodPressure, VitalSignType.RespiratoryRate], parsed.Value.Measurements.Select(m => m.Type));
        Assert.NotNull(parsed.Value.Status?.BatteryLevel);
    }
}
