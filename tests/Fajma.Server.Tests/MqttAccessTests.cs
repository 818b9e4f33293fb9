using System.Net;
using System.Net.Sockets;
using Fajma.Server.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>On the broker a device is who its secret proves, publishes only under its own id and hears only its own commands.</summary>
public sealed class MqttAccessTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("someone-elses-client-id")]
    [InlineData("no-password")]
    public async Task ADeviceThatCannotProveItsIdentityCannotConnect(string mistake)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();

        var (password, clientId) = mistake switch
        {
            "wrong-secret" => ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", deviceId),
            "someone-elses-client-id" => (Fajma.Core.Wire.DeviceSecretText.Encode(Messages.Secrets[deviceId]), "OTHER-DEVICE"),
            _ => ("", deviceId),
        };
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _host.MqttPort)
            .WithClientId(clientId).WithCredentials(deviceId, password).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData("#", false)]
    [InlineData("+/sensors/#", false)]
    [InlineData("$SYS/#", false)]
    [InlineData("fajma/devices/+/commands", false)]
    [InlineData("fajma/devices/OTHER/commands", false)]
    [InlineData("fajma/devices/{self}/commands", true)]
    public async Task ADeviceMaySubscribeToItsOwnCommandsOnly(string filter, bool granted)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var client = await _host.ConnectMqttAsync(deviceId);

        var result = await client.SubscribeAsync(filter.Replace("{self}", deviceId, StringComparison.Ordinal));

        var code = Assert.Single(result.Items).ResultCode;
        Assert.Equal(granted ? MqttClientSubscribeResultCode.GrantedQoS0 : MqttClientSubscribeResultCode.NotAuthorized, code);
    }

    [Fact]
    public async Task ADevicePublishingUnderAnotherDevicesTopicIsRefusedAndNothingIsStored()
    {
        var (_, mine) = await _host.RegisterPatientWithDeviceAsync();
        var (_, theirs) = await _host.RegisterPatientWithDeviceAsync();
        using var client = await _host.ConnectMqttAsync(mine);

        var ack = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{theirs}")
            .WithPayload(Messages.Flat(theirs, 1)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        Assert.Equal(0, await _host.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.IngestedMessages, m => m.DeviceId == theirs)));
    }

    [Fact]
    public async Task TheBrokerListensOnItsConfiguredAddressOnlyNotOnEveryIpv6Interface()
    {
        foreach (var port in (int[])[_host.MqttPort, _host.MqttTlsPort])
        {
            using var tcp = new TcpClient(AddressFamily.InterNetworkV6);

            var error = await Record.ExceptionAsync(() => tcp.ConnectAsync(IPAddress.IPv6Loopback, port));

            Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error).SocketErrorCode);
        }
    }
}
