using Fajma.Devices.Outbox;
using Fajma.Devices.Transport;
using Fajma.Server.Devices;
using Fajma.Server.Ingestion;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// The SDK's primary and backup transports (seed 000 §2.1): while the broker cannot be reached, a device's readings go
/// over HTTPS instead; once the broker answers again, they go back to MQTT. Nothing is lost or stored twice either way.
/// </summary>
public sealed class FailoverTransportTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>, IDisposable
{
    private readonly FajmaHost _host = fixture.Host;
    private readonly string _directory = Directory.CreateTempSubdirectory("fajma-failover-").FullName;

    [Fact]
    public async Task WhileTheBrokerIsUnreachableReadingsGoOverHttpsAndBackToMqttOnceItAnswers()
    {
        var (_, bundle) = await _host.ProvisionPatientWithDeviceAsync(DeviceTypes.PulseOximeter);
        var deviceId = bundle.Device.Id;
        var secret = DeviceSecrets.Decode(bundle.Secret);
        await using var broker = new ResettingProxy(_host.MqttPort) { Refusing = true }; // the broker, unreachable for now
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var failover = new FailoverTransport(
            new MqttDeviceTransport(deviceId, "127.0.0.1", broker.Url.Port, secret),
            new HttpDeviceTransport(_host.Http, _host.Url), probeAfter: TimeSpan.FromSeconds(30), clock);
        using var outbox = SqliteOutbox.Open(Path.Combine(_directory, "outbox.db"));
        var forwarder = new OutboxForwarder(outbox, failover, new OutboxRetryOptions { MaxAttempts = 1 });
        void Measure(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid();
                outbox.Enqueue(id.ToString(), Messages.Standard(deviceId, id, DateTimeOffset.UtcNow, heartRate: 70 + i));
            }
        }

        Measure(5);
        var whileDown = await forwarder.DrainAsync(CancellationToken.None);

        Assert.False(whileDown.Stalled, whileDown.LastFailure);
        Assert.Equal((5, 5L), (whileDown.Delivered, failover.SentOnBackup));
        Assert.False(failover.PrimaryInUse); // not tried again before its probe time

        broker.Refusing = false;
        clock.Advance(TimeSpan.FromSeconds(31));
        Measure(3);
        var afterReturn = await forwarder.DrainAsync(CancellationToken.None);

        Assert.False(afterReturn.Stalled, afterReturn.LastFailure);
        Assert.Equal((3, 5L), (afterReturn.Delivered, failover.SentOnBackup)); // the three went over MQTT
        var transports = await _host.QueryAsync(db => db.IngestedMessages.Where(m => m.DeviceId == deviceId).GroupBy(m => m.Transport)
            .ToDictionaryAsync(g => g.Key, g => g.Count()));
        Assert.Equal(new Dictionary<string, int> { [IngestSource.Http] = 5, [IngestSource.Mqtt] = 3 }, transports);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
