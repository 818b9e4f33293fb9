using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fajma.Devices.Transport;
using Fajma.Server.Devices;
using Fajma.Server.Privacy;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>HTTPS with the platform CA's certificate; over it a device's client certificate binds its requests to that device.</summary>
public sealed class HttpsTests(HttpsTests.HttpsHost fixture) : IClassFixture<HttpsTests.HttpsHost>
{
    private readonly FajmaHost _host = fixture.Host;

    /// <summary>A client that trusts exactly the platform CA (as a device does with ca.pem), optionally presenting a device certificate.</summary>
    private HttpClient Client(string caPem, DeviceBundleDto? device = null)
    {
        var ca = X509Certificate2.CreateFromPem(caPem);
        // A device's client is the one the bench's HTTPS devices use (DeviceTlsIdentity.CreateHttpHandler).
        HttpMessageHandler handler = device is not null
            ? DeviceTlsIdentity.FromPem(device.CertificatePem, device.KeyPem, caPem).CreateHttpHandler()
            : new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => DeviceTlsIdentity.ChainsTo(ca, certificate) };
        return new HttpClient(handler) { BaseAddress = _host.HttpsUrl };
    }

    private Task<int> StoredAsync(string deviceId) => _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId));

    [Fact]
    public async Task TheApiAnswersOverHttpsWithACertificateFromThePlatformCa()
    {
        var (_, bundle) = await _host.ProvisionPatientWithDeviceAsync();
        using var client = Client(bundle.CaPem);

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ADeviceCertificateOverHttpsSpeaksOnlyForItsOwnDevice()
    {
        var (_, mine) = await _host.ProvisionPatientWithDeviceAsync();
        var (_, theirs) = await _host.ProvisionPatientWithDeviceAsync();
        using var client = Client(mine.CaPem, mine);

        var own = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(mine.Device.Id, 1)));
        var forged = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(theirs.Device.Id, 1)));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("does not match the sending device", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(theirs.Device.Id));
    }

    [Fact]
    public async Task ARotatedCertificateIsRefusedOverHttpsAndAudited()
    {
        var (_, old) = await _host.ProvisionPatientWithDeviceAsync();
        (await _host.Admin.PostAsync($"/api/v1/devices/{old.Device.Id}/rotate", null)).EnsureSuccessStatusCode();
        using var client = Client(old.CaPem, old);

        var response = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(old.Device.Id, 1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("client certificate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(old.Device.Id));
        Assert.Equal(1, await _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.DeviceMessageRejected && e.Target == old.Device.Id)));
    }

    [Fact]
    public async Task ACertificateRotatedWhileItsConnectionStaysOpenIsRefusedOnTheNextPost()
    {
        var (_, device) = await _host.ProvisionPatientWithDeviceAsync();
        using var client = Client(device.CaPem, device); // one kept-alive connection: the certificate is examined once on it

        var before = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(device.Device.Id, 1)));
        var again = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(device.Device.Id, 2)));
        (await _host.Admin.PostAsync($"/api/v1/devices/{device.Device.Id}/rotate", null)).EnsureSuccessStatusCode();
        var after = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(device.Device.Id, 3)));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(2, await StoredAsync(device.Device.Id));
    }

    public sealed class HttpsHost : IAsyncLifetime
    {
        public FajmaHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Urls=http://127.0.0.1:0;https://127.0.0.1:0");

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
