using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>An ESP32 monitor on its MQTT connection: flat signed readings with a rising uptime counter (from <paramref name="uptimeMs"/>), each acknowledged.</summary>
internal sealed class Esp32(IMqttClient client, string deviceId, long uptimeMs = 1_000)
{
    private long _uptime = uptimeMs;

    public async Task SendAsync(double heartRate = 72, double spo2 = 97, double temperature = 36.6)
    {
        var ack = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(Messages.Flat(deviceId, Interlocked.Add(ref _uptime, 1_000), heartRate, spo2, temperature))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
    }
}
