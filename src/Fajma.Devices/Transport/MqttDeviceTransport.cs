using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Devices.Transport;

/// <summary>MQTT 5 at QoS 1 to <c>fajma/sensors/{deviceId}</c>; the PUBACK reason code is the server's verdict.</summary>
public sealed class MqttDeviceTransport(string deviceId, string host, int port) : IDeviceTransport
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _topic = $"fajma/sensors/{deviceId}";

    public bool IsConnected => _client.IsConnected;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected) return;
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(deviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        await _client.ConnectAsync(options, cancellationToken);
    }

    public async Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var publish = new MqttApplicationMessageBuilder()
            .WithTopic(_topic)
            .WithPayload(message.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(publish, cancellationToken);
        return new PublishResult(result.IsSuccess, result.ReasonCode.ToString(), result.ReasonString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MqttCommunicationException)
            {
                // Already gone; nothing to close.
            }
        }
        _client.Dispose();
    }

}
