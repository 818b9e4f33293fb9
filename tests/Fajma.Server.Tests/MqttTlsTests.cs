using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fajma.Server.Devices;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>MQTT over TLS on the real broker: the device's client certificate from the platform CA is its identity.</summary>
public sealed class MqttTlsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private async Task<ProvisionedDevice> ProvisionAsync(Func<DeviceProvisioning, Task<ProvisionedDevice>>? then = null)
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        await using var scope = _host.App.Services.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<DeviceProvisioning>();
        var bundle = await provisioning.ProvisionAsync($"TLS-{Guid.NewGuid():N}"[..20], DeviceTypes.Esp32Monitor, patientId, CancellationToken.None);
        Messages.Secrets[bundle.DeviceId] = DeviceSecrets.Decode(bundle.Secret);
        return then is null ? bundle : await then(provisioning);
    }

    private async Task<(IMqttClient Client, MqttClientConnectResult? Result, Exception? Error)> ConnectAsync(string clientId, X509Certificate2? certificate, string caPem)
    {
        var ca = X509Certificate2.CreateFromPem(caPem);
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _host.MqttTlsPort).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                    .WithCertificateValidationHandler(e =>
                    {
                        // Trust exactly the platform CA, as the ESP32 does with ca.pem.
                        using var chain = new X509Chain();
                        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                        chain.ChainPolicy.CustomTrustStore.Add(ca);
                        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                        return chain.Build(new X509Certificate2(e.Certificate));
                    });
                if (certificate is not null) tls.WithClientCertificates([certificate]);
            }).Build();
        try
        {
            return (client, await client.ConnectAsync(options), null);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or System.IO.IOException)
        {
            return (client, null, e);
        }
    }

    private static X509Certificate2 WithKey(ProvisionedDevice bundle) =>
        X509CertificateLoader.LoadPkcs12(X509Certificate2.CreateFromPem(bundle.CertificatePem, bundle.KeyPem).Export(X509ContentType.Pkcs12), null);

    [Fact]
    public async Task AProvisionedDeviceConnectsWithItsCertificateAndItsSignedVitalsAreStored()
    {
        var bundle = await ProvisionAsync();
        var (client, result, error) = await ConnectAsync(bundle.DeviceId, WithKey(bundle), bundle.CaPem);
        using var _ = client;

        Assert.Null(error);
        Assert.Equal(MqttClientConnectResultCode.Success, result!.ResultCode);
        var ack = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{bundle.DeviceId}")
            .WithPayload(Messages.Flat(bundle.DeviceId, 1)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        Assert.Equal(1, await _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == bundle.DeviceId)));
    }

    [Fact]
    public async Task NoCertificateOrASelfSignedOneFailsTheHandshake()
    {
        var bundle = await ProvisionAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={bundle.DeviceId}", key, HashAlgorithmName.SHA256);
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var forged = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), null);

        foreach (var certificate in (X509Certificate2?[])[null, forged])
        {
            var (client, result, error) = await ConnectAsync(bundle.DeviceId, certificate, bundle.CaPem);
            using var _ = client;
            Assert.False(client.IsConnected);
            Assert.True(error is not null || result!.ResultCode != MqttClientConnectResultCode.Success);
        }
    }

    [Fact]
    public async Task ARevokedDeviceOrARotatedCertificateIsRefused()
    {
        var revoked = await ProvisionAsync();
        var rotatedFrom = await ProvisionAsync();
        await using (var scope = _host.App.Services.CreateAsyncScope())
        {
            var provisioning = scope.ServiceProvider.GetRequiredService<DeviceProvisioning>();
            await provisioning.RevokeAsync(revoked.DeviceId, CancellationToken.None);
            await provisioning.RotateAsync(rotatedFrom.DeviceId, CancellationToken.None);
        }

        foreach (var old in (ProvisionedDevice[])[revoked, rotatedFrom])
        {
            var (client, result, _) = await ConnectAsync(old.DeviceId, WithKey(old), old.CaPem);
            using var _ = client;
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result?.ResultCode);
        }
    }
}
