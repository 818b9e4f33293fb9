using MQTTnet;
using MQTTnet.Formatter;

namespace Fajma.Server.Tests.Infrastructure;

internal static class TestMqtt
{
    /// <summary>An MQTT 5 connection to 127.0.0.1 signed in as the device (its id and, unless overridden, its registered secret).</summary>
    /// <param name="will">Registers the device's last will, <c>{"status":"offline"}</c> on its status topic, as the SDK does.</param>
    public static async Task<IMqttClient> ConnectDeviceAsync(int port, string deviceId, string? password = null, string? clientId = null, bool will = false)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? deviceId).WithCredentials(deviceId, password ?? Fajma.Core.Wire.DeviceSecretText.Encode(Messages.Secrets[deviceId]))
            .WithProtocolVersion(MqttProtocolVersion.V500);
        if (will) options = options.WithWillTopic($"fajma/sensors/{deviceId}/status").WithWillPayload(Fajma.Core.Messages.LastWill.OfflinePayload);
        await client.ConnectAsync(options.Build());
        return client;
    }
}
