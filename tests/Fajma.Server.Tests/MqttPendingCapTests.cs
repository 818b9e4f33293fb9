using System.Net;
using System.Net.Sockets;
using Fajma.Core.Wire;
using Fajma.Devices.Transport;
using Fajma.Server.Ingestion;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// Connections that have not signed in are capped, per address and in all, so no one holds sockets by the
/// thousand without a device's secret: one past a cap is closed at accept. Signed-in devices do not count.
/// Each test runs its own host with small caps (everything here comes from 127.0.0.1).
/// </summary>
public sealed class MqttPendingCapTests
{
    private static readonly TimeSpan s_atOnce = TimeSpan.FromSeconds(2); // well within every CONNECT deadline used here

    private static long Closed(FajmaHost host, MqttFramingRefusal reason) =>
        host.App.Services.GetRequiredService<IngestionMetrics>().MqttConnectionsClosed(reason);

    private static async Task<List<RawMqtt>> OpenAsync(int port, int count)
    {
        var opened = new List<RawMqtt>();
        for (var i = 0; i < count; i++) opened.Add(await RawMqtt.ConnectAsync(port));
        return opened;
    }

    /// <summary>
    /// Opens one more connection and awaits its close. The listener lingers 0 (MQTTnet's default), so a close at
    /// accept is a reset, which may even beat the connect's own completion: that too is closed at once.
    /// </summary>
    private static async Task AssertClosedAtOnceAsync(int port)
    {
        RawMqtt raw;
        try
        {
            raw = await RawMqtt.ConnectAsync(port);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return;
        }
        await using (raw) Assert.Empty(await raw.ClosedByServerAsync(s_atOnce));
    }

    private static async Task CloseAllAsync(IEnumerable<RawMqtt> connections)
    {
        foreach (var raw in connections) await raw.DisposeAsync();
    }

    private static MqttApplicationMessage Telemetry(string deviceId, int n) => new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
        .WithPayload(Messages.Flat(deviceId, n)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConnectionsFromOneAddressPastItsPendingCapAreClosedAtOnceWhileThoseUnderItLastUntilTheirDeadline(bool tls)
    {
        await using var host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Mqtt:MaxPendingConnectionsPerAddress=5", "--Mqtt:ConnectDeadline=00:00:04");
        var (_, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var port = tls ? host.MqttTlsPort : host.MqttPort; // to the TLS port, not even a handshake: held before TLS starts
        var (refusedBefore, expiredBefore) = (Closed(host, MqttFramingRefusal.TooManyPendingFromAddress), Closed(host, MqttFramingRefusal.ConnectDeadline));
        var waiting = await OpenAsync(port, 5);
        try
        {
            await AssertClosedAtOnceAsync(port);
            Assert.Equal(refusedBefore + 1, Closed(host, MqttFramingRefusal.TooManyPendingFromAddress));

            foreach (var raw in waiting) Assert.Empty(await raw.ClosedByServerAsync());
            Assert.Equal(expiredBefore + 5, Closed(host, MqttFramingRefusal.ConnectDeadline)); // each by its deadline, not by the cap
            Assert.Equal(refusedBefore + 1, Closed(host, MqttFramingRefusal.TooManyPendingFromAddress));
        }
        finally
        {
            await CloseAllAsync(waiting);
        }

        // Their places are free again: a real device from the same address signs in and publishes.
        using var device = await host.ConnectMqttAsync(deviceId);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await device.PublishAsync(Telemetry(deviceId, 1))).ReasonCode);
    }

    [Fact]
    public async Task ADeviceFromAnotherAddressSignsInWhileOneAddressHasFilledItsPendingCap()
    {
        await using var host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Mqtt:MaxPendingConnectionsPerAddress=5");
        var (_, deviceId) = await host.RegisterPatientWithDeviceAsync();
        var waiting = await OpenAsync(host.MqttPort, 5);
        try
        {
            await AssertClosedAtOnceAsync(host.MqttPort); // 127.0.0.1 is at its cap

            // Another home: the SDK's device connects from an address of its own (as the bench's simulated homes do).
            await using var device = new MqttDeviceTransport(deviceId, "127.0.0.1", host.MqttPort, Messages.Secrets[deviceId])
            {
                LocalAddress = IPAddress.Parse("127.2.0.1"),
            };
            await device.ConnectAsync(CancellationToken.None);
            var result = await device.PublishAsync(System.Text.Encoding.UTF8.GetBytes(Messages.Flat(deviceId, 1)), CancellationToken.None);

            Assert.True(result.Accepted, $"{result.Code}: {result.Reason}");
        }
        finally
        {
            await CloseAllAsync(waiting);
        }
    }

    [Fact]
    public async Task SignedInDevicesDoNotCountAgainstThePendingCapOfTheirAddress()
    {
        await using var host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Mqtt:MaxPendingConnectionsPerAddress=5");
        var devices = new List<string>();
        for (var i = 0; i < 7; i++) devices.Add((await host.RegisterPatientWithDeviceAsync()).DeviceId);
        var clients = new List<IMqttClient>();
        try
        {
            foreach (var id in devices.Take(6)) clients.Add(await host.ConnectMqttAsync(id)); // six signed in, one more than the cap
            var refusedBefore = Closed(host, MqttFramingRefusal.TooManyPendingFromAddress);
            var waiting = await OpenAsync(host.MqttPort, 5);
            try
            {
                // Five waiting fill the cap whatever the six signed in: the next is closed at accept.
                await AssertClosedAtOnceAsync(host.MqttPort);
                Assert.Equal(refusedBefore + 1, Closed(host, MqttFramingRefusal.TooManyPendingFromAddress));

                await waiting[0].SignInAsync(devices[6]); // the five were kept: one of them signs in
            }
            finally
            {
                await CloseAllAsync(waiting);
            }

            for (var i = 0; i < clients.Count; i++)
                Assert.Equal(MqttClientPublishReasonCode.Success, (await clients[i].PublishAsync(Telemetry(devices[i], 1))).ReasonCode);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public async Task ConnectionsPastTheGlobalPendingCapAreClosedAtAcceptUntilOneSignsIn()
    {
        await using var host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Mqtt:MaxPendingConnections=5", "--Mqtt:MaxPendingConnectionsPerAddress=100");
        var (_, first) = await host.RegisterPatientWithDeviceAsync();
        var (_, second) = await host.RegisterPatientWithDeviceAsync();
        var refusedBefore = Closed(host, MqttFramingRefusal.TooManyPending);
        var waiting = await OpenAsync(host.MqttPort, 3);
        waiting.AddRange(await OpenAsync(host.MqttTlsPort, 2)); // one count for both ports
        try
        {
            await AssertClosedAtOnceAsync(host.MqttPort);
            // A real device is turned away too while the five wait...
            using var turnedAway = new MqttClientFactory().CreateMqttClient();
            await Assert.ThrowsAnyAsync<Exception>(() => turnedAway.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", host.MqttPort)
                .WithClientId(second).WithCredentials(second, DeviceSecretText.Encode(Messages.Secrets[second])).WithTimeout(s_atOnce).Build()));
            Assert.Equal(refusedBefore + 2, Closed(host, MqttFramingRefusal.TooManyPending));
            Assert.Equal(0, Closed(host, MqttFramingRefusal.TooManyPendingFromAddress)); // the cap in all, not the address's

            // ...until one of them signs in and frees its place.
            await waiting[0].SignInAsync(first);
            using var device = await host.ConnectMqttAsync(second);
            Assert.Equal(MqttClientPublishReasonCode.Success, (await device.PublishAsync(Telemetry(second, 1))).ReasonCode);
        }
        finally
        {
            await CloseAllAsync(waiting);
        }
    }
}
