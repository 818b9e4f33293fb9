using Fajma.Core.Messages;
using Fajma.Core.Vitals;

namespace Fajma.Core.Tests;

public sealed class FlatDeviceMessageParserTests
{
    [Fact]
    public void SeedEsp32MessageKeepsUptimeAsSequenceNotAsTime()
    {
        var result = MessageSamples.Parse(MessageSamples.SeedFlat);

        Assert.True(result.IsValid, result.Rejection?.Summary);
        var reading = result.Value;
        Assert.Equal(WireFormat.FlatEsp32, reading.Format);
        Assert.Equal("24:6F:28:AB:CD:EF", reading.DeviceId);
        Assert.Equal(123456, reading.DeviceSequence);
        Assert.Null(reading.DeviceTime);
        Assert.Equal("ts:123456", reading.MessageKey);
        Assert.Equal([VitalSignType.HeartRate, VitalSignType.OxygenSaturation, VitalSignType.BodyTemperature], reading.Measurements.Select(m => m.Type));
    }

    [Fact]
    public void EpochMillisecondTimestampIsTheMeasuredTime()
    {
        var result = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":1705314600000,"heart_rate":72}""");

        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 30, 0, TimeSpan.Zero), result.Value!.DeviceTime);
        Assert.Null(result.Value.DeviceSequence);
    }

    [Fact]
    public void NullReadingIsSkippedButOneReadingIsRequired()
    {
        var partial = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":5,"heart_rate":null,"spo2":97,"temperature":null}""");
        var empty = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":5,"heart_rate":null}""");

        Assert.Equal(VitalSignType.OxygenSaturation, Assert.Single(partial.Value!.Measurements).Type);
        Assert.False(empty.IsValid);
    }

    [Fact]
    public void WrongTypesAndOutOfRangeValuesAreAllNamed()
    {
        var result = MessageSamples.Parse("""{"device_id":"esp-1","timestamp":"soon","heart_rate":"72","spo2":101,"temperature":36.6}""");

        Assert.Equal(RejectionReason.Invalid, result.Rejection!.Reason);
        Assert.Equal(["heart_rate", "spo2", "timestamp"], result.Rejection.Errors.Select(e => e.Field).Order());
    }
}
