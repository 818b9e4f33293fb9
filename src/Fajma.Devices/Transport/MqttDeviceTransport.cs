using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Devices.Transport;

/// <summary>
/// MQTT 5 at QoS 1 to <c>fajma/sensors/{deviceId}</c>; the PUBACK reason code is the server's verdict.
/// Signs in with the device id as client id and, on plain MQTT, user name and secret as password; over TLS
/// its client certificate is its identity and the broker must chain to the bundle's CA.
/// </summary>
public sealed class MqttDeviceTransport(string deviceId, string host, int port, byte[] secret, DeviceTlsIdentity? tls = null) : IDeviceTransport
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _topic = $"fajma/sensors/{deviceId}";

    public bool IsConnected => _client.IsConnected;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected) return;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(deviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (tls is null)
            builder.WithCredentials(deviceId, Fajma.Core.Wire.DeviceSecretText.Encode(secret));
        else
            builder.WithTlsOptions(o => o.UseTls()
                .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                .WithClientCertificates([tls.Certificate])
                .WithCertificateValidationHandler(e => tls.TrustsServer(e.Certificate)));
        var options = builder.Build();
        // MQTTnet 5 reports a refused CONNECT in the result instead of throwing.
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"the broker refused device {deviceId}: {result.ResultCode} {result.ReasonString}");
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
