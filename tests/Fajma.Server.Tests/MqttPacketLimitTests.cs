using Fajma.Core.Messages;
using Fajma.Core.Wire;
using Fajma.Devices.Transport;
using Fajma.Server.Ingestion;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// The broker reads a packet's declared length before its body: a packet larger than allowed closes the
/// connection before the server buffers it, whether or not the sender has signed in, on both ports.
/// </summary>
public sealed class MqttPacketLimitTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private const int LargestRemainingLength = 268_435_455; // 256 MB, the most an MQTT fixed header can declare
    private readonly FajmaHost _host = fixture.Host;

    private long Closed(MqttFramingRefusal reason) => _host.App.Services.GetRequiredService<IngestionMetrics>().MqttConnectionsClosed(reason);

    private async Task<RawMqtt> OpenAsync(bool tls)
    {
        if (!tls) return await RawMqtt.ConnectAsync(_host.MqttPort);
        var bundle = (await _host.ProvisionPatientWithDeviceAsync()).Bundle;
        return await RawMqtt.ConnectTlsAsync(_host.MqttTlsPort, DeviceTlsIdentity.FromPem(bundle.CertificatePem, bundle.KeyPem, bundle.CaPem));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AConnectDeclaring256MegabytesIsClosedAtOnceWithoutAConnack(bool tls)
    {
        await using var raw = await OpenAsync(tls);
        var counted = Closed(MqttFramingRefusal.ConnectTooLarge);

        await raw.SendAsync(RawMqtt.FixedHeader(0x10, LargestRemainingLength));
        await raw.TrySendAsync(new byte[1024]); // the start of the body, as the attacker streams it

        // Well before the CONNECT deadline (10 s by default): the declared length alone decides.
        Assert.Empty(await raw.ClosedByServerAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(counted + 1, Closed(MqttFramingRefusal.ConnectTooLarge));
    }

    [Fact]
    public async Task ASignedInDevicePublishingFarMoreThanTheLimitIsDisconnectedBeforeItsBodyIsSentAndOtherDevicesKeepWorking()
    {
        var (_, bystander) = await _host.RegisterPatientWithDeviceAsync();
        var (_, attacker) = await _host.RegisterPatientWithDeviceAsync();
        using var normal = await _host.ConnectMqttAsync(bystander);
        await using var raw = await RawMqtt.SignInAsync(_host.MqttPort, attacker);

        var counted = Closed(MqttFramingRefusal.PacketTooLarge);
        const int declared = 64 * 1024 * 1024;
        await raw.SendAsync(RawMqtt.FixedHeader(0x32, declared)); // a QoS 1 PUBLISH
        var chunk = new byte[64 * 1024];
        long sent = 0;
        var refused = await Record.ExceptionAsync(async () =>
        {
            using var timeout = new CancellationTokenSource(Wait.Timeout);
            for (; sent < declared; sent += chunk.Length) await raw.Stream.WriteAsync(chunk, timeout.Token);
        });

        Assert.IsType<IOException>(refused, exactMatch: false); // the server closed while the body was still being sent...
        Assert.InRange(sent, 0, declared / 4); // ...long before the declared length (what is sent was only ever in socket buffers)
        Assert.Equal(counted + 1, Closed(MqttFramingRefusal.PacketTooLarge));
        var ack = await normal.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{bystander}")
            .WithPayload(Messages.Flat(bystander, 1)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        Assert.Equal(1, await _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == bystander)));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, new byte[] { 0xE0, 0x02, 0x95, 0x00 })] // DISCONNECT, reason Packet too large
    [InlineData(MqttProtocolVersion.V311, new byte[0])] // 3.1.1 has no server DISCONNECT: the close alone
    public async Task ASignedInClientSendingAPacketOverTheLimitIsToldWhyOnlyIfItSpeaksMqtt5(MqttProtocolVersion protocol, byte[] expected)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await RawMqtt.SignInAsync(_host.MqttPort, deviceId, protocol);
        var counted = Closed(MqttFramingRefusal.PacketTooLarge);

        await raw.SendAsync(RawMqtt.FixedHeader(0x32, 1024 * 1024)); // the header alone: nothing unread when the server closes

        Assert.Equal(expected, await raw.ClosedByServerAsync());
        Assert.Equal(counted + 1, Closed(MqttFramingRefusal.PacketTooLarge));
    }

    [Fact]
    public async Task AnMqtt5DevicePublishingOverTheLimitLearnsFromItsDisconnectThatThePacketWasTooLarge()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var client = await _host.ConnectMqttAsync(deviceId);
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            disconnected.TrySetResult(e);
            return Task.CompletedTask;
        };
        var limit = _host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MqttOptions>>().Value.MaxPacketBytes;

        // MQTTnet's client sends what it is given, whatever the CONNACK advertised: the payload alone is the limit.
        var publish = await Record.ExceptionAsync(() => client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(new byte[limit]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));

        Assert.NotNull(publish); // no PUBACK
        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, (await Wait.ForAsync(disconnected.Task, "the client's disconnect")).Reason);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task AWellBehavedClientLearnsTheMaximumPacketSizeFromTheConnack()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _host.MqttPort).WithClientId(deviceId)
            .WithCredentials(deviceId, DeviceSecretText.Encode(Messages.Secrets[deviceId])).WithProtocolVersion(MqttProtocolVersion.V500).Build());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        // Room for the largest message the server ingests plus its topic and properties, and not much more.
        Assert.InRange(result.MaximumPacketSize ?? 0, (uint)DeviceMessageParser.MaxMessageBytes, (uint)DeviceMessageParser.MaxMessageBytes + 16 * 1024);
        Assert.Equal((uint)_host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MqttOptions>>().Value.MaxPacketBytes, result.MaximumPacketSize);
    }

    [Fact]
    public async Task AMessageJustOverTheIngestionLimitStillGetsItsRefusalOnThePubackAndTheDeviceStaysConnected()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var client = await _host.ConnectMqttAsync(deviceId);

        var ack = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(new byte[DeviceMessageParser.MaxMessageBytes + 1024]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode); // the ingestion's own answer, not a closed connection
        Assert.True(client.IsConnected);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(Messages.Flat(deviceId, 1)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).ReasonCode);
    }
}
