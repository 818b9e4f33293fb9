using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fajma.Devices.Transport;
using Fajma.Server.Devices;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>MQTT over TLS on the real broker: the device's client certificate from the platform CA is its identity, and nothing more.</summary>
public sealed class MqttTlsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private async Task<DeviceBundleDto> ProvisionAsync() => (await _host.ProvisionPatientWithDeviceAsync()).Bundle;

    private async Task<(IMqttClient Client, MqttClientConnectResult? Result, Exception? Error)> ConnectAsync(string clientId, X509Certificate2? certificate, string caPem)
    {
        var ca = X509Certificate2.CreateFromPem(caPem);
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _host.MqttTlsPort).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                    .WithCertificateValidationHandler(e => DeviceTlsIdentity.ChainsTo(ca, e.Certificate)); // exactly the platform CA, as the ESP32 with ca.pem
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

    private async Task<IMqttClient> ConnectedAsync(DeviceBundleDto bundle)
    {
        var (client, result, error) = await ConnectAsync(bundle.Device.Id, WithKey(bundle), bundle.CaPem);
        Assert.Null(error);
        Assert.Equal(MqttClientConnectResultCode.Success, result!.ResultCode);
        return client;
    }

    private static X509Certificate2 WithKey(DeviceBundleDto bundle) => DeviceTlsIdentity.FromPem(bundle.CertificatePem, bundle.KeyPem, bundle.CaPem).Certificate;

    private Task<int> StoredAsync(string deviceId) => _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId));

    private Task<int> AuditedAsync(string action, string target) => _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.Target == target));

    private static MqttApplicationMessage Telemetry(string topicDevice, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{topicDevice}").WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    [Fact]
    public async Task AProvisionedDeviceConnectsWithItsCertificateAndItsSignedVitalsAreStored()
    {
        var bundle = await ProvisionAsync();
        using var client = await ConnectedAsync(bundle);

        var ack = await client.PublishAsync(Telemetry(bundle.Device.Id, Messages.Flat(bundle.Device.Id, 1)));

        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        Assert.Equal(1, await StoredAsync(bundle.Device.Id));
    }

    [Fact]
    public async Task NoCertificateASelfSignedOrAnExpiredOneFailsTheHandshakeAndIsAudited()
    {
        var bundle = await ProvisionAsync();
        var id = bundle.Device.Id;
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={id}", key, HashAlgorithmName.SHA256);
        using var selfSigned = request.CreateSelfSigned(now.AddMinutes(-1), now.AddDays(1));
        // Expired, yet truly issued by the platform CA (its key read back the way the server stores it).
        using var caKey = ReadCaKey();
        using var expired = request.Create(X509Certificate2.CreateFromPem(bundle.CaPem).SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
            now.AddDays(-30), now.AddDays(-1), RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7F) : b).ToArray());

        foreach (var certificate in (X509Certificate2?[])[null, Pfx(selfSigned), Pfx(expired.CopyWithPrivateKey(key))])
        {
            var (client, result, error) = await ConnectAsync(id, certificate, bundle.CaPem);
            using var _ = client;
            Assert.False(client.IsConnected);
            Assert.True(error is not null || result!.ResultCode != MqttClientConnectResultCode.Success);
        }

        await Wait.UntilAsync(async () => await AuditedAsync(AuditActions.DeviceTlsRefused, id) >= 2, "audit entries for the forged and expired certificates");
        Assert.Equal(0, await StoredAsync(id));
    }

    [Fact]
    public async Task ARevokedDeviceOrARotatedCertificateIsRefusedAndTheNewCertificateWorks()
    {
        var revoked = await ProvisionAsync();
        var rotatedFrom = await ProvisionAsync();
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await _host.Admin.PostAsync($"/api/v1/devices/{revoked.Device.Id}/revoke", null)).StatusCode);
        var rotated = await _host.Admin.PostAsync($"/api/v1/devices/{rotatedFrom.Device.Id}/rotate", null);
        var fresh = (await rotated.Content.ReadFromJsonAsync<DeviceBundleDto>())!;

        foreach (var old in (DeviceBundleDto[])[revoked, rotatedFrom])
        {
            var (client, result, _) = await ConnectAsync(old.Device.Id, WithKey(old), old.CaPem);
            using var _ = client;
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result?.ResultCode);
            Assert.Equal(1, await AuditedAsync(AuditActions.DeviceSignInRefused, old.Device.Id));
        }
        using var renewed = await ConnectedAsync(fresh);
        Assert.True(renewed.IsConnected);
    }

    [Fact]
    public async Task ADeviceCertificateSpeaksOnlyForItsOwnDevice()
    {
        var mine = await ProvisionAsync();
        var theirs = (await ProvisionAsync()).Device.Id;
        using var client = await ConnectedAsync(mine);
        Messages.Secrets.TryGetValue(theirs, out var theirSecret);

        var underTheirTopic = await client.PublishAsync(Telemetry(theirs, Messages.Flat(theirs, 1)));
        var claimingTheirId = await client.PublishAsync(Telemetry(mine.Device.Id, Messages.Flat(theirs, 2)));
        string[] filters = ["#", "+/sensors/#", "$SYS/#", $"fajma/devices/{theirs}/commands"];
        var subscriptions = await Task.WhenAll(filters.Select(f => client.SubscribeAsync(f)));

        Assert.NotNull(theirSecret); // the forged messages were signed with their real secret: the certificate still decides
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, underTheirTopic.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, claimingTheirId.ReasonCode);
        Assert.All(subscriptions, s => Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(s.Items).ResultCode));
        Assert.Equal(0, await StoredAsync(theirs));
        Assert.Equal(0, await StoredAsync(mine.Device.Id));
        Assert.Equal(filters.Length, await AuditedAsync(AuditActions.DeviceSubscriptionRefused, mine.Device.Id));
        var rejected = await _host.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.DeviceMessageRejected && e.Source!.Contains("fajma/sensors/")).ToListAsync());
        Assert.Contains(rejected, e => e.Source!.EndsWith($"fajma/sensors/{theirs}", StringComparison.Ordinal));
        Assert.Contains(rejected, e => e.Source!.EndsWith($"fajma/sensors/{mine.Device.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OverTlsABadSignatureAStaleTimeOrAReplayStoresNothingAndIsAudited()
    {
        var bundle = await ProvisionAsync();
        var id = bundle.Device.Id;
        using var client = await ConnectedAsync(bundle);
        var good = Messages.Flat(id, 1_000);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await client.PublishAsync(Telemetry(id, good))).ReasonCode);

        var altered = Messages.Flat(id, 2_000).Replace("\"heart_rate\":72", "\"heart_rate\":140", StringComparison.Ordinal);
        var stale = Messages.Flat(id, DateTimeOffset.UtcNow.AddDays(-8).ToUnixTimeMilliseconds());
        var badSignature = await client.PublishAsync(Telemetry(id, altered));
        var tooOld = await client.PublishAsync(Telemetry(id, stale));
        var replay = await client.PublishAsync(Telemetry(id, good));

        Assert.NotEqual(good, altered);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, badSignature.ReasonCode);
        Assert.NotEqual(MqttClientPublishReasonCode.Success, tooOld.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, replay.ReasonCode); // acknowledged so the device stops resending...
        Assert.Equal(1, await StoredAsync(id)); // ...but only the first message is stored
        Assert.Equal(2, await AuditedAsync(AuditActions.DeviceMessageRejected, id));
        Assert.Equal(1, await AuditedAsync(AuditActions.DeviceMessageReplayed, id));
    }

    private ECDsa ReadCaKey()
    {
        var storage = _host.App.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var protector = _host.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Fajma.Devices.CaKey.v1");
        var key = ECDsa.Create();
        key.ImportFromPem(protector.Unprotect(File.ReadAllText(Path.Combine(storage.DataDirectory, "keys", "device-ca.key.protected"))));
        return key;
    }

    /// <summary>A certificate with its key in the form the TLS client can present.</summary>
    private static X509Certificate2 Pfx(X509Certificate2 withKey) => X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
}
