using System.Net;
using Fajma.Devices.Transport;
using Fajma.Server.Devices;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>
/// HTTPS devices behind the production nginx (deploy/nginx): the balancer takes the TLS handshake and forwards the
/// client certificate, and the node binds the request to the device it proves, as when it takes the handshake itself.
/// </summary>
public sealed class LoadBalancerCertificateTests(LoadBalancerCertificateTests.BalancedHost fixture) : IClassFixture<LoadBalancerCertificateTests.BalancedHost>
{
    private readonly FajmaHost _host = fixture.Host;
    private readonly TestNginx _nginx = fixture.Nginx;

    /// <summary>A client of the balancer (its certificate is made per run, so any is accepted), optionally presenting a device certificate.</summary>
    private static HttpClient Client(Uri listener, DeviceBundleDto? device = null)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        if (device is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(DeviceTlsIdentity.FromPem(device.CertificatePem, device.KeyPem, device.CaPem).Certificate);
        }
        return new HttpClient(handler) { BaseAddress = listener };
    }

    private Task<int> StoredAsync(string deviceId) => _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId));

    [Fact]
    public async Task ADeviceCertificateThroughTheBalancerSpeaksOnlyForItsOwnDevice()
    {
        var (_, mine) = await _host.ProvisionPatientWithDeviceAsync();
        var (_, theirs) = await _host.ProvisionPatientWithDeviceAsync();
        using var client = Client(_nginx.Devices, mine);

        var own = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(mine.Device.Id, 1)));
        var forged = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(theirs.Device.Id, 1)));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(1, await StoredAsync(mine.Device.Id));
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("does not match the sending device", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(theirs.Device.Id));
    }

    [Fact]
    public async Task ARotatedCertificateThroughTheBalancerIsRefused()
    {
        var (_, old) = await _host.ProvisionPatientWithDeviceAsync();
        (await _host.Admin.PostAsync($"/api/v1/devices/{old.Device.Id}/rotate", null)).EnsureSuccessStatusCode();
        using var client = Client(_nginx.Devices, old);

        var response = await client.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(old.Device.Id, 1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("client certificate", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(old.Device.Id));
    }

    [Fact]
    public async Task ACertificateHeaderAClientSendsItselfNeverReachesTheNode()
    {
        // A certificate is public: were the header passed on, anyone could speak "as" a device by naming its certificate.
        var (_, mine) = await _host.ProvisionPatientWithDeviceAsync();
        var (_, theirs) = await _host.ProvisionPatientWithDeviceAsync();
        var header = Uri.EscapeDataString(mine.CertificatePem);

        foreach (var listener in new[] { _nginx.Https, _nginx.Devices })
        {
            using var client = Client(listener);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/iot/realtime-data/")
            {
                Content = Messages.Json(Messages.Flat(theirs.Device.Id, listener == _nginx.Https ? 1 : 2)),
            };
            request.Headers.Add("X-Client-Cert", header);

            var response = await client.SendAsync(request);

            // Judged by its signature alone, as any request without a certificate: theirs, signed by theirs, is taken.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(2, await StoredAsync(theirs.Device.Id));
        Assert.Equal(0, await StoredAsync(mine.Device.Id));
    }

    [Fact]
    public async Task TheDeviceListenerServesDeviceIngestionOnly()
    {
        using var client = Client(_nginx.Devices);

        var response = await client.GetAsync("/api/v1/patients");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public sealed class BalancedHost : IAsyncLifetime
    {
        public FajmaHost Host { get; private set; } = null!;

        public TestNginx Nginx { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Urls=http://127.0.0.1:0", "--LoadBalancer:ClientCertificateHeader=X-Client-Cert");
            Nginx = await TestNginx.StartAsync(Host.Url);
        }

        public async Task DisposeAsync()
        {
            await Nginx.DisposeAsync();
            await Host.DisposeAsync();
        }
    }
}
