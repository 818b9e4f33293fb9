using System.Net;
using System.Net.Http.Json;
using Fajma.Devices.Simulation;
using Fajma.Devices.Transport;
using Fajma.Server.Devices;
using Fajma.Server.Devices.Control;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fajma.Server.Tests.Infrastructure.DeviceControlClient;

namespace Fajma.Server.Tests;

/// <summary>
/// Remote control and calibration round trips through the real host, the embedded broker and the SDK's own device
/// transports: a command is stored, sent when the device can be reached, carried out, and every step reaches the board.
/// </summary>
public sealed class DeviceControlTests : IAsyncLifetime
{
    private FajmaHost _host = null!;

    // Short enough that a silent device times out within a test's wait; long enough for an answer on a busy machine.
    public async Task InitializeAsync() => _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(),
        "--DeviceControl:AnswerTimeout=00:00:03", "--DeviceControl:SweepInterval=00:00:00.250");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private MqttDeviceTransport Device(string deviceId, bool answers = true) =>
        new(deviceId, "127.0.0.1", _host.MqttPort, Messages.Secrets[deviceId]) { AnswersCommands = answers };

    [Fact]
    public async Task ASamplingRateCommandSucceedsAndTheSimulatedDeviceThenReadsAtTheNewInterval()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, events) = await WatchAsync(_host, patientId);
        await using var _ = hub;
        var (observationHub, observations) = await _host.WatchAsync(patientId);
        await using var __ = observationHub;
        await using var transport = Device(deviceId);
        var simulated = new SimulatedDevice(deviceId, MessageFormat.Standard, new VitalSignsGenerator(PatientProfile.Typical(new Random(1)), new Random(1), 0),
            TimeProvider.System, secret: Messages.Secrets[deviceId]);
        using var stop = new CancellationTokenSource();
        var fleet = new Fajma.Devices.Simulation.DeviceFleet([(simulated, transport)], rateHz: 1, TimeProvider.System);
        var running = fleet.RunAsync(stop.Token);
        try
        {
            var before = await ReadingTimesAsync(observations, 2);
            Assert.InRange((before[1] - before[0]).TotalMilliseconds, 800, 1500);

            var command = await CommandOf(await ControlAsync(_host.Http, deviceId, new { action = "set_sampling_rate", samplingIntervalMs = 200 }));
            Assert.Equal("queued", command.Status);
            Assert.Equal(200, command.Parameters.IntervalMs);
            await StatusAsync(events, command.Id, "successful");

            // Readings from the one the command woke on, by the device's own timestamps: back-to-back ticks are the new interval
            // apart. On a loaded machine a tick the device misses while it waits for the last acknowledgement makes a gap of
            // two or three intervals, and one that runs late is followed at once by the next (a few ms: it keeps the rate), so
            // some gap is the interval and the typical one stays well under the old.
            var after = await ReadingTimesAsync(observations, 7);
            var gaps = after.Zip(after.Skip(1), (a, b) => (b - a).TotalMilliseconds).Skip(1).Order().ToList();
            Assert.Contains(gaps, gap => gap is >= 150 and <= 400);
            Assert.InRange(gaps[gaps.Count / 2], 150, 800);
            Assert.Equal(TimeSpan.FromMilliseconds(200), transport.Control.Interval);
            var stored = await _host.QueryAsync(db => db.Devices.Where(d => d.Id == deviceId).Select(d => d.SamplingIntervalMs).SingleAsync());
            Assert.Equal(200, stored);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    /// <summary>The measured times of the next <paramref name="count"/> messages (one per message id).</summary>
    private static async Task<List<DateTimeOffset>> ReadingTimesAsync(System.Threading.Channels.ChannelReader<ObservationDto> observations, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var times = new List<DateTimeOffset>();
        while (times.Count < count)
        {
            var observation = await Wait.ForAsync(observations, o => !seen.Contains(o.MessageId), "a reading of a new message");
            seen.Add(observation.MessageId);
            times.Add(observation.MeasuredAt);
        }
        return times;
    }

    [Fact]
    public async Task ACalibrationSucceedsSetsTheDevicesLastCalibrationAndIsAudited()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, events) = await WatchAsync(_host, patientId);
        await using var _ = hub;
        await using var device = Device(deviceId);
        await device.ConnectAsync(CancellationToken.None);
        var asked = DateTimeOffset.UtcNow;

        var command = await CommandOf(await CalibrateAsync(_host.Http, deviceId, new { sensor = "temperature", reference = 37.0 }));

        Assert.Equal("calibrate", command.Action);
        Assert.Equal(new DeviceCommandParameters(null, "temperature", 37.0), command.Parameters);
        Assert.Equal(patientId, (await StatusAsync(events, command.Id, "successful")).PatientId);
        Assert.NotNull(device.Control.LastCalibration);
        var devices = await _host.Http.GetFromJsonAsync<DeviceDto[]>("/api/v1/devices");
        Assert.True(devices!.Single(d => d.Id == deviceId).LastCalibration >= asked.AddSeconds(-1));
        Assert.Equal("successful", (await GetAsync(_host.Http, command.Id)).Status);
        var audited = await _host.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == DeviceControlEndpoints.AuditAction && a.Target == deviceId
            && a.ActorId == _host.DoctorId && a.PatientId == patientId));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task ACommandForAnOfflineDeviceStaysQueuedAndIsCarriedOutWhenTheDeviceConnects()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, events) = await WatchAsync(_host, patientId);
        await using var _ = hub;

        var command = await CommandOf(await ControlAsync(_host.Http, deviceId, new { action = "stop", ttlSeconds = 600 }));
        // Several sweeps pass while the device is away: the command is kept, not sent, not dropped.
        await Wait.UntilAsync(async () => (await _host.QueryAsync(db => db.DeviceCommands.Where(c => c.CorrelationId == command.Id)
            .Select(c => c.UpdatedAt).SingleAsync())) is null && DateTimeOffset.UtcNow - command.CreatedAt > TimeSpan.FromSeconds(1), "a second of sweeps");
        Assert.Equal("queued", (await GetAsync(_host.Http, command.Id)).Status);

        await using var device = Device(deviceId);
        await device.ConnectAsync(CancellationToken.None);

        await StatusAsync(events, command.Id, "successful");
        Assert.False(device.Control.Monitoring);
        Assert.Equal(new[] { command.Id.ToString() }, device.Received);
    }

    [Fact]
    public async Task ADeviceThatReceivesACommandButNeverAnswersEndsInTimeout()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, events) = await WatchAsync(_host, patientId);
        await using var _ = hub;
        await using var device = Device(deviceId, answers: false);
        await device.ConnectAsync(CancellationToken.None);

        var command = await CommandOf(await ControlAsync(_host.Http, deviceId, new { action = "read_now" }));

        var ended = await StatusAsync(events, command.Id, "timeout");
        Assert.Contains("no answer", ended.Detail, StringComparison.Ordinal);
        Assert.Equal(new[] { command.Id.ToString() }, device.Received);
        // It reached the device (its PUBACK): sent and delivered before the timeout.
        Assert.NotNull(await _host.QueryAsync(db => db.DeviceCommands.Where(c => c.CorrelationId == command.Id).Select(c => c.SentAt).SingleAsync()));
    }

    [Fact]
    public async Task AnHttpDeviceGetsItsCommandInTheAnswerToItsPostAndAcknowledgesItSigned()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, events) = await WatchAsync(_host, patientId);
        await using var _ = hub;
        var command = await CommandOf(await ControlAsync(_host.Http, deviceId, new { action = "set_sampling_rate", rateMultiplier = 2 }));
        Assert.Equal(500, command.Parameters.IntervalMs);
        using var http = new HttpClient();
        await using var device = new HttpDeviceTransport(http, _host.Url, deviceId, Messages.Secrets[deviceId]);

        var posted = await device.PublishAsync(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.True(posted.Accepted);
        await StatusAsync(events, command.Id, "successful");
        Assert.Equal(TimeSpan.FromMilliseconds(500), device.Control.Interval);
        // Carried once: the next post's answer brings nothing.
        var again = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow)));
        Assert.DoesNotContain("\"commands\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnswerToAnHttpPostCarriesWaitingCommandsInTheWireFormatAndAnUnsignedAckIsRefused()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var command = await CommandOf(await CalibrateAsync(_host.Http, deviceId, new { sensor = "spo2" }));

        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow)));

        using var receipt = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var carried = Assert.Single(receipt.RootElement.GetProperty("commands").EnumerateArray());
        Assert.Equal("calibrate", carried.GetProperty("command").GetString());
        Assert.Equal(command.Id, carried.GetProperty("correlation_id").GetGuid());
        Assert.Equal(command.ExpiresAt.ToUnixTimeMilliseconds(), carried.GetProperty("expires_at").GetInt64());
        Assert.Equal("spo2", carried.GetProperty("params").GetProperty("sensor").GetString());
        Assert.Equal("delivered", (await GetAsync(_host.Http, command.Id)).Status);

        var forged = await _host.Http.PostAsJsonAsync($"/api/v1/iot/sensors/{deviceId}/commands/{command.Id}/ack",
            new Dictionary<string, string?> { ["correlation_id"] = command.Id.ToString(), ["status"] = "ok", ["detail"] = null, ["signature"] = "hmac-sha256:AAAA" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("signature", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("delivered", (await GetAsync(_host.Http, command.Id)).Status);
    }

    [Fact]
    public async Task ARepeatedIdempotencyKeyAnswersTheSameCommandAndTheSameKeyWithAnotherBodyIsRefused()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var key = Guid.NewGuid().ToString();

        var first = await ControlAsync(_host.Http, deviceId, new { action = "read_now", ttlSeconds = 60 }, key);
        var repeated = await ControlAsync(_host.Http, deviceId, new { action = "read_now", ttlSeconds = 60 }, key);
        var changed = await ControlAsync(_host.Http, deviceId, new { action = "reboot", ttlSeconds = 60 }, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal((await CommandOf(first)).Id, (await CommandOf(repeated)).Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("Idempotency-Key", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await _host.QueryAsync(db => db.DeviceCommands.CountAsync(c => c.DeviceId == deviceId)));
    }
}
