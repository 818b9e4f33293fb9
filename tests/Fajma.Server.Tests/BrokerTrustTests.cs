using Fajma.Server.Platform;
using Fajma.Core.Wire;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fajma.Devices.Transport;
using Fajma.Server.Devices;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// Device trust at an external Mosquitto 2 running the configuration <c>fajma broker config</c> writes: TLS with client
/// certificates from the platform's device CA, per-device ACLs, the CRL. The node signs in with its own certificate.
/// </summary>
public sealed class BrokerTrustTests : IAsyncLifetime
{
    private readonly string _config = Path.Combine(TestMosquitto.OpenToMosquitto(Directory.CreateTempSubdirectory("fajma-broker-config-").FullName), "broker");
    private readonly string _nodeId = BrokerTrust.NodePrefix + Guid.NewGuid().ToString("N")[..8];
    private readonly int _port = LoopbackPorts.Free();
    private TestMosquitto _broker = null!;
    private FajmaHost _node = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.SqliteAsync();
        // What `fajma broker config` does: the app built on the node's data directory, not started, writes the configuration.
        await using (var cli = FajmaServer.Build([.. database.Args]))
            cli.Services.GetRequiredService<BrokerTrust>().Write(_config, "127.0.0.1", _port, [_nodeId]);
        _broker = await TestMosquitto.StartFromConfigAsync(_config, _port);
        _node = await FajmaHost.StartAsync(database, "--Mqtt:Broker=External", $"--Mqtt:Url=mqtts://127.0.0.1:{_port}", $"--Mqtt:NodeId={_nodeId}",
            $"--Mqtt:CaCertificate={_config}/ca.pem", $"--Mqtt:ClientCertificate={_config}/nodes/{_nodeId}.pem", $"--Mqtt:ClientKey={_config}/nodes/{_nodeId}.key",
            $"--Mqtt:BrokerConfigDirectory={_config}");
        await Wait.UntilAsync(() => Task.FromResult(_node.App.Services.GetRequiredService<ExternalMqttIngestion>().IsReady), "the node subscribed at the broker over TLS");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _broker.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_config)!, recursive: true);
    }

    [Fact]
    public async Task AProvisionedDeviceConnectsWithItsCertificateAndItsSignedReadingIsStored()
    {
        var bundle = (await _node.ProvisionPatientWithDeviceAsync()).Bundle;
        var (device, error) = await ConnectAsync(bundle.Device.Id, Identity(bundle), bundle.CaPem);
        using var _ = device;
        Assert.Null(error);

        var published = await device.PublishAsync(Reading(bundle.Device.Id));

        Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
        await Wait.UntilAsync(async () => await StoredAsync(bundle.Device.Id) == 1, "the reading stored by the node");
    }

    [Fact]
    public async Task NoCertificateOrOneNotFromTheDeviceCaIsRefusedAtTheHandshake()
    {
        var bundle = (await _node.ProvisionPatientWithDeviceAsync()).Bundle;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        using var selfSigned = new CertificateRequest($"CN={bundle.Device.Id}", key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddMinutes(-1), now.AddDays(1));
        using var foreign = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), null);

        foreach (var certificate in (X509Certificate2?[])[null, foreign])
        {
            var (client, error) = await ConnectAsync(bundle.Device.Id, certificate, bundle.CaPem);
            using var _ = client;
            Assert.False(client.IsConnected);
            Assert.NotNull(error);
        }
        Assert.Equal(0, await StoredAsync(bundle.Device.Id));
    }

    [Fact]
    public async Task ADeviceCannotPublishUnderAnotherDevicesIdNorReadAnotherDevicesCommands()
    {
        var mine = (await _node.ProvisionPatientWithDeviceAsync()).Bundle;
        var theirs = (await _node.ProvisionPatientWithDeviceAsync()).Bundle.Device.Id;
        var (device, error) = await ConnectAsync(mine.Device.Id, Identity(mine), mine.CaPem);
        using var _ = device;
        Assert.Null(error);
        var received = System.Threading.Channels.Channel.CreateUnbounded<string>();
        device.ApplicationMessageReceivedAsync += e => Task.FromResult(received.Writer.TryWrite(e.ApplicationMessage.Topic));

        // Signed with their real secret: only the broker's ACL stands between this and their record.
        var forged = await device.PublishAsync(Reading(theirs));
        await device.SubscribeAsync(MqttTopics.Commands(theirs), MqttQualityOfServiceLevel.AtLeastOnce); // granted, but the ACL withholds every delivery
        await device.SubscribeAsync(MqttTopics.Commands(mine.Device.Id), MqttQualityOfServiceLevel.AtLeastOnce);
        await device.PublishAsync(Reading(mine.Device.Id));
        var commands = _node.App.Services.GetRequiredService<ExternalMqttIngestion>();
        await commands.PublishCommandAsync(theirs, "{}"u8.ToArray(), CancellationToken.None);
        Assert.True(await commands.PublishCommandAsync(mine.Device.Id, "{}"u8.ToArray(), CancellationToken.None));

        // The broker keeps one connection's packets in order: once the later reading is stored, the forged one was dropped
        // before it; once the later command arrives, theirs would have come first.
        await Wait.UntilAsync(async () => await StoredAsync(mine.Device.Id) == 1, "the device's own reading stored");
        Assert.Equal(0, await StoredAsync(theirs));
        Assert.NotEqual(MqttClientPublishReasonCode.Success, forged.ReasonCode);
        Assert.Equal(MqttTopics.Commands(mine.Device.Id), await Wait.ForAsync(received.Reader, _ => true, "the device's own command"));
        Assert.False(received.Reader.TryRead(out var other), $"another device's command delivered: {other}");
    }

    [Fact]
    public async Task ARevokedDeviceIsRefusedAtTheHandshakeOnceTheBrokerReloadsTheRegeneratedCrl()
    {
        var bundle = (await _node.ProvisionPatientWithDeviceAsync()).Bundle;
        var other = (await _node.ProvisionPatientWithDeviceAsync()).Bundle;
        var (before, error) = await ConnectAsync(bundle.Device.Id, Identity(bundle), bundle.CaPem);
        Assert.Null(error);
        await before.DisconnectAsync();
        before.Dispose();
        var crl = await File.ReadAllTextAsync(Path.Combine(_config, BrokerTrust.CrlFile));

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _node.Admin.PostAsync($"/api/v1/devices/{bundle.Device.Id}/revoke", null)).StatusCode);
        Assert.NotEqual(crl, await File.ReadAllTextAsync(Path.Combine(_config, BrokerTrust.CrlFile))); // rewritten by the revocation
        // Mosquitto reads the CRL when it sets up TLS: until the reload the revoked certificate still gets in (docs/scale-out.md).
        var (stale, staleError) = await ConnectAsync(bundle.Device.Id, Identity(bundle), bundle.CaPem);
        Assert.Null(staleError);
        await stale.DisconnectAsync();
        stale.Dispose();
        await _broker.ReloadAsync();

        // SIGHUP is handled on the broker's next loop turn: the refusal comes within the wait, or never.
        await Wait.UntilAsync(async () =>
        {
            var (after, refused) = await ConnectAsync(bundle.Device.Id, Identity(bundle), bundle.CaPem);
            using var _ = after;
            return refused is not null && !after.IsConnected;
        }, "the revoked device refused at the handshake");
        // The reloaded CRL is valid and names only the revoked certificate: another device still gets in.
        var (still, stillError) = await ConnectAsync(other.Device.Id, Identity(other), other.CaPem);
        using var __ = still;
        Assert.Null(stillError);
    }

    private async Task<(IMqttClient Client, Exception? Error)> ConnectAsync(string deviceId, X509Certificate2? certificate, string caPem)
    {
        var ca = X509Certificate2.CreateFromPem(caPem);
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithClientId(deviceId).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                    .WithCertificateValidationHandler(e => DeviceTlsIdentity.ChainsTo(ca, e.Certificate)); // exactly the platform CA, as the ESP32 with ca.pem
                if (certificate is not null) tls.WithClientCertificates([certificate]);
            }).Build();
        try
        {
            var result = await client.ConnectAsync(options);
            return (client, result.ResultCode == MqttClientConnectResultCode.Success ? null : new InvalidOperationException(result.ResultCode.ToString()));
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or IOException)
        {
            return (client, e);
        }
    }

    private static X509Certificate2 Identity(DeviceBundleDto bundle) => DeviceTlsIdentity.FromPem(bundle.CertificatePem, bundle.KeyPem, bundle.CaPem).Certificate;

    private static MqttApplicationMessage Reading(string deviceId) =>
        new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Telemetry(deviceId)).WithPayload(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private Task<int> StoredAsync(string deviceId) => _node.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId));
}
