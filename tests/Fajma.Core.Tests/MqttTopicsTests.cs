using Fajma.Core.Wire;

namespace Fajma.Core.Tests;

/// <summary>Which device a topic speaks for, and in what role; found by the fuzzer: a trailing slash is not telemetry.</summary>
public sealed class MqttTopicsTests
{
    [Theory]
    [InlineData("fajma/sensors/ESP32-01", "ESP32-01", "")]
    [InlineData("fajma/sensors/24:6F:28:00:00:01/alerts", "24:6F:28:00:00:01", "alerts")]
    [InlineData("fajma/sensors/ESP32-01/status", "ESP32-01", "status")]
    public void ASensorTopicNamesItsDeviceAndKind(string topic, string device, string kind)
    {
        Assert.True(MqttTopics.TryParseSensorTopic(topic, out var d, out var k));
        Assert.Equal((device, kind), (d, k));
        Assert.Equal(topic, kind.Length == 0 ? MqttTopics.Telemetry(d) : $"{MqttTopics.Telemetry(d)}/{k}");
    }

    [Theory]
    [InlineData("fajma/sensors/")]
    [InlineData("fajma/sensors/ESP32-01/")]
    [InlineData("fajma/sensors//status")]
    [InlineData("fajma/devices/ESP32-01/commands")]
    public void ATopicThatIsNotExactlyASensorsIsNotTakenForOne(string topic) =>
        Assert.False(MqttTopics.TryParseSensorTopic(topic, out _, out _));

    [Theory]
    [InlineData("fajma/devices/ESP32-01/commands/ack", true)]
    [InlineData("fajma/devices/a/b/commands/ack", false)]
    [InlineData("fajma/devices//commands/ack", false)]
    public void ACommandAnswerTopicNamesOneDevice(string topic, bool valid) =>
        Assert.Equal(valid, MqttTopics.TryParseCommandAckTopic(topic, out _));
}
