using Fajma.Core.Wire;
using Fajma.Devices.Transport;
using Fajma.Server.Ingestion;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// A connection has a short deadline to finish its TLS handshake and its CONNECT: trickling bytes does not
/// keep it open. The host here runs with a 3 s deadline (10 s by default).
/// </summary>
public sealed class MqttConnectDeadlineTests : IAsyncLifetime
{
    private FajmaHost _host = null!;

    public async Task InitializeAsync() => _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Mqtt:ConnectDeadline=00:00:03");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private long ClosedByDeadline => _host.App.Services.GetRequiredService<IngestionMetrics>().MqttConnectionsClosed(MqttFramingRefusal.ConnectDeadline);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AConnectTrickledAByteAtATimeIsClosedByTheDeadlineWithoutAConnack(bool tls)
    {
        var (_, bundle) = await _host.ProvisionPatientWithDeviceAsync();
        var id = bundle.Device.Id;
        await using var raw = tls
            ? await RawMqtt.ConnectTlsAsync(_host.MqttTlsPort, DeviceTlsIdentity.FromPem(bundle.CertificatePem, bundle.KeyPem, bundle.CaPem))
            : await RawMqtt.ConnectAsync(_host.MqttPort);
        // A real device's CONNECT (valid credentials): only its pace is wrong. Whole, it takes far longer than the wait below.
        var connect = RawMqtt.Connect(id, DeviceSecretText.Encode(Messages.Secrets[id]));
        Assert.True(connect.Length * 0.25 > Wait.Timeout.TotalSeconds);

        var counted = ClosedByDeadline;
        var closed = raw.ClosedByServerAsync();
        var sent = 0;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (!closed.IsCompleted && sent < connect.Length && await pace.WaitForNextTickAsync() && await raw.TrySendAsync(connect[sent])) sent++;

        Assert.Empty(await closed);
        Assert.InRange(sent, 1, connect.Length - 1); // closed while the CONNECT was still arriving
        Assert.Equal(counted + 1, ClosedByDeadline);
    }

    [Fact]
    public async Task AConnectionToTheTlsPortThatNeverStartsItsHandshakeIsClosedByTheDeadline()
    {
        var counted = ClosedByDeadline;
        await using var raw = await RawMqtt.ConnectAsync(_host.MqttTlsPort);

        Assert.Empty(await raw.ClosedByServerAsync());
        Assert.Equal(counted + 1, ClosedByDeadline);
    }
}
