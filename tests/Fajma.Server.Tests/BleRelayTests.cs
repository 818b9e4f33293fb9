using Fajma.Core.Ble;
using Fajma.Devices.Outbox;
using Fajma.Devices.Relay;
using Fajma.Devices.Transport;
using System.Net.Http.Json;
using Fajma.Server.Devices;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>The SDK's desktop relay against the real server: a strap's notifications reach the doctor's board through the outbox.</summary>
public sealed class BleRelayTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>, IDisposable
{
    private readonly FajmaHost _host = fixture.Host;
    private readonly string _directory = Directory.CreateTempSubdirectory("fajma-relay-").FullName;

    [Fact]
    public async Task AStrapsReadingsRelayedByADesktopGatewayAppearLiveOnTheDoctorsBoard()
    {
        var (patientId, bundle) = await _host.ProvisionPatientWithDeviceAsync(DeviceTypes.BleHeartRate);
        var (hub, observations) = await _host.WatchAsync(patientId);
        await using var _ = hub;
        using var outbox = SqliteOutbox.Open(Path.Combine(_directory, "relay.db"));
        using (var relay = new BleRelay(bundle.Device.Id, DeviceSecrets.Decode(bundle.Secret), outbox, options: new BleRelayOptions { Source = "ble:Polar H10 7A3B" }))
        {
            foreach (var rate in new[] { 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72 })
                relay.Receive(HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(rate, HeartRateSensorContact.Detected, null, [])));
        } // 12 readings: one full batch of 10, and 2 sealed when the relay stops

        var result = await new OutboxForwarder(outbox, new MobileDataTransport(_host.Http, _host.Url)).DrainAsync(CancellationToken.None);

        Assert.False(result.Stalled, result.LastFailure);
        Assert.Equal(2, result.Delivered);
        // Live, a screen may get the batch coalesced (latest wins): the newest reading must arrive; the history has them all.
        var latest = await Wait.ForAsync(observations, o => o.Value == 72, "the strap's newest reading on the board");
        Assert.Equal((bundle.Device.Id, "ble:Polar H10 7A3B"), (latest.DeviceId, latest.Source)); // the gateway and the strap, both recorded
        var history = (await _host.Http.GetFromJsonAsync<ObservationPage>($"/api/v1/patients/{patientId}/observations/?type=heart_rate&limit=100"))!.Items;
        Assert.Equal(Enumerable.Range(61, 12).Select(v => (double)v), history.Select(o => o.Value).Order());
        Assert.All(history, o => Assert.Equal("ble:Polar H10 7A3B", o.Source));
        Assert.Equal(0, outbox.Count);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
