using MQTTnet;
using MQTTnet.Formatter;

namespace Fajma.Server.Tests.Infrastructure;

internal static class TestMqtt
{
    /// <summary>An MQTT 5 connection to 127.0.0.1 signed in as the device (its id and, unless overridden, its registered secret).</summary>
    public static async Task<IMqttClient> ConnectDeviceAsync(int port, string deviceId, string? password = null, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? deviceId).WithCredentials(deviceId, password ?? Fajma.Core.Wire.DeviceSecretText.Encode(Messages.Secrets[deviceId]))
            .WithProtocolVersion(MqttProtocolVersion.V500).Build());
        return client;
    }
}
