using Fajma.Core.Wire;
using System.Globalization;
using System.Text;
using Fajma.Server.Ingestion.Mqtt;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Npgsql;
using Xunit.Abstractions;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>One reading a simulated device produced, and what became of it on the device's side.</summary>
internal sealed class SentReading(string deviceId, Guid messageId, byte[] payload)
{
    public string DeviceId { get; } = deviceId;

    public Guid MessageId { get; } = messageId;

    /// <summary>Built and signed once: a resend is the same bytes, the same <c>message_id</c>.</summary>
    public byte[] Payload { get; } = payload;

    public int Attempts { get; set; }

    /// <summary>The first publish got the broker's PUBACK (else the device had to send it again, or never got an answer).</summary>
    public bool FirstAttemptAcknowledged { get; set; }

    /// <summary>Some publish of it got a PUBACK with a success code.</summary>
    public bool Acknowledged { get; set; }

    /// <summary>
    /// Some PUBACK said "no matching subscribers" (0x10): the broker took that copy and handed it to nobody — no node of the
    /// group was subscribed — so it was dropped; the device took it as not delivered and sent it again.
    /// </summary>
    public bool NoSubscribers { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }
}

/// <summary>
/// N simulated devices, each an MQTT 5 client of the broker publishing signed standard readings (two vital signs, a unique
/// <c>message_id</c>, the device's time) at QoS 1 at a steady rate, recording for each reading whether the broker PUBACKed
/// it. As a device SDK does, a device whose connection is lost reconnects (every 250 ms) and sends every reading not yet
/// acknowledged again, oldest first, before new ones; readings taken while it is offline wait in its queue. A PUBACK with
/// reason 0x10 "no matching subscribers" counts as not delivered (no node was subscribed, the broker dropped the copy) and
/// the reading is sent again 250 ms later; <see cref="SentReading.NoSubscribers"/> records it. The resend is
/// done by this generator (clean start, no MQTT session on the device's side): MQTTnet's client keeps no in-flight
/// publishes across connections.
/// </summary>
internal sealed class DeviceFleet : IAsyncDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    private readonly int _brokerPort;
    private readonly TimeSpan _interval;
    private readonly List<SimulatedDevice> _devices;
    private readonly CancellationTokenSource _load = new();
    private readonly CancellationTokenSource _abort = new();
    private Task[] _running = [];

    public DeviceFleet(int brokerPort, IEnumerable<string> deviceIds, double readingsPerSecond)
    {
        _brokerPort = brokerPort;
        _interval = TimeSpan.FromSeconds(1 / readingsPerSecond);
        _devices = deviceIds.Select(id => new SimulatedDevice(id)).ToList();
    }

    public IReadOnlyList<string> DeviceIds => _devices.Select(d => d.Id).ToList();

    /// <summary>Every reading produced so far (read once the fleet has stopped).</summary>
    public IReadOnlyList<SentReading> Readings => _devices.SelectMany(d => d.Readings).ToList();

    /// <summary>Readings acknowledged so far (approximate while running: for progress checks).</summary>
    public int AcknowledgedCount => _devices.Sum(d => Volatile.Read(ref d.AcknowledgedCount));

    public async Task StartAsync()
    {
        await Task.WhenAll(_devices.Select(d => TryConnectAsync(d)));
        var start = DateTime.UtcNow;
        // Spread the devices over one interval, so the broker sees a steady stream rather than bursts.
        _running = _devices.Select((d, i) => Task.Run(() => RunAsync(d, start + _interval * i / _devices.Count))).ToArray();
    }

    /// <summary>
    /// Stops taking new readings, then keeps resending what the broker has not acknowledged until all is acknowledged or
    /// <paramref name="deadline"/> passes; returns how many readings are still unacknowledged.
    /// </summary>
    public async Task<int> StopAndFlushAsync(TimeSpan deadline)
    {
        await _load.CancelAsync();
        _abort.CancelAfter(deadline);
        await Task.WhenAll(_running);
        return _devices.Sum(d => d.Readings.Count(r => !r.Acknowledged));
    }

    private async Task RunAsync(SimulatedDevice device, DateTime first)
    {
        var next = first;
        while (!_abort.IsCancellationRequested)
        {
            var taking = !_load.IsCancellationRequested;
            if (taking && DateTime.UtcNow >= next)
            {
                device.Take();
                next += _interval;
                if (next < DateTime.UtcNow - _interval * 4) next = DateTime.UtcNow; // fell far behind (a slow reconnect): no burst
            }
            if (!device.Client.IsConnected && !await TryConnectAsync(device))
            {
                if (!taking && device.Pending.Count == 0) return;
                await Delay(TimeSpan.FromMilliseconds(250));
                continue;
            }
            while (device.Pending.TryPeek(out var reading) && !_abort.IsCancellationRequested)
            {
                if (!await PublishAsync(device, reading)) break;
                device.Pending.Dequeue();
            }
            if (!taking && device.Pending.Count == 0) return;
            var wait = next - DateTime.UtcNow;
            if (!taking || device.Pending.Count > 0) wait = TimeSpan.FromMilliseconds(250);
            if (wait > TimeSpan.Zero) await Delay(wait);
        }
    }

    private async Task Delay(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _abort.Token);
        }
        catch (OperationCanceledException)
        {
            // The flush deadline passed.
        }
    }

    private static async Task<bool> PublishAsync(SimulatedDevice device, SentReading reading)
    {
        reading.Attempts++;
        var message = new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Telemetry(device.Id)).WithPayload(reading.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        try
        {
            using var timeout = new CancellationTokenSource(PublishTimeout);
            var answer = await device.Client.PublishAsync(message, timeout.Token);
            if (answer.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                // A success code in MQTT 5 (MQTTnet's IsSuccess is true), but with the nodes' shared subscription the only
                // subscriber, it means no node will ever see this copy: not delivered, send it again shortly.
                reading.NoSubscribers = true;
                return false;
            }
            if (answer.ReasonCode != MqttClientPublishReasonCode.Success) return false;
            reading.Acknowledged = true;
            reading.AcknowledgedAt = DateTimeOffset.UtcNow;
            reading.FirstAttemptAcknowledged = reading.Attempts == 1;
            Interlocked.Increment(ref device.AcknowledgedCount);
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // No PUBACK: the connection went (or the answer took too long). The reading stays queued; the connection is
            // dropped so the next round reconnects and sends it again.
            try
            {
                if (device.Client.IsConnected) await device.Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            }
            catch (Exception ignored) when (ignored is MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
            {
            }
            return false;
        }
    }

    private async Task<bool> TryConnectAsync(SimulatedDevice device)
    {
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _brokerPort).WithClientId(device.Id)
            .WithCredentials(device.Id, "unused").WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(5)).WithTimeout(TimeSpan.FromSeconds(3)).Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            var connected = await device.Client.ConnectAsync(options, timeout.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success) return false;
            if (device.Connections++ > 0) Interlocked.Increment(ref device.Reconnections);
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Times the devices connected again after losing the broker.</summary>
    public int Reconnections => _devices.Sum(d => d.Reconnections);

    public async ValueTask DisposeAsync()
    {
        await _load.CancelAsync();
        await _abort.CancelAsync();
        try
        {
            await Task.WhenAll(_running);
        }
        catch (Exception)
        {
            // Disposal after a failed test: the failure is reported already.
        }
        foreach (var device in _devices) device.Client.Dispose();
        _load.Dispose();
        _abort.Dispose();
    }

    private sealed class SimulatedDevice(string id)
    {
        public int AcknowledgedCount;
        public int Reconnections;

        public string Id { get; } = id;

        public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();

        public List<SentReading> Readings { get; } = [];

        public Queue<SentReading> Pending { get; } = new();

        public int Connections { get; set; }

        public void Take()
        {
            var id = Guid.NewGuid();
            var at = DateTimeOffset.UtcNow;
            var reading = new SentReading(Id, id, Messages.Standard(Id, id, at, heartRate: 60 + Readings.Count % 40));
            Readings.Add(reading);
            Pending.Enqueue(reading);
        }
    }
}

/// <summary>What the checker found for one fault: everything the devices sent against what is stored.</summary>
internal sealed record FaultVerdict(
    string Fault,
    int Devices,
    int Sent,
    int Acknowledged,
    int AcknowledgedNoSubscribers,
    int Resent,
    int Stored,
    int Lost,
    int Duplicated,
    int Recovered,
    int NeverAcknowledgedNotStored,
    int Unexpected,
    string Notes)
{
    public IReadOnlyList<SentReading> LostReadings { get; init; } = [];

    public DateTimeOffset JudgedAt { get; init; } = DateTimeOffset.UtcNow;

    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Fault} | {Devices} | {Sent} | {Acknowledged} | {Resent} | {Stored} | **{Lost}** | **{Duplicated}** | {Recovered} | {NeverAcknowledgedNotStored} | {AllNotes} |");

    private string AllNotes => string.Join("; ", new[]
    {
        Notes,
        AcknowledgedNoSubscribers > 0 ? string.Create(CultureInfo.InvariantCulture, $"{AcknowledgedNoSubscribers} answered 0x10 \"no matching subscribers\" (dropped by the broker) and were resent: a device taking 0x10 as delivered loses them") : "",
        Unexpected > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Unexpected} stored rows not matching what was sent") : "",
        JudgedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
    }.Where(n => n.Length > 0));

    public const string Header = """
        | fault | devices | sent | broker-acked | resent | stored | lost | duplicated | recovered | not acked, not stored | notes |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
        """;
}

/// <summary>
/// Compares what a <see cref="DeviceFleet"/> sent with what the cluster's PostgreSQL store holds: per reading, its receipt
/// in <c>ingested_messages</c> (keyed by device and <c>message_id</c>) and its rows in <c>observations</c> (two vital signs
/// each). Lost = acknowledged by the broker and not stored; duplicated = a receipt or an observation stored more than once;
/// recovered = stored although its first publish got no PUBACK (sent again after a reconnect, or taken before the
/// connection went).
/// </summary>
internal static class FaultChecker
{
    /// <summary>Each reading is a heart rate and a blood pressure.</summary>
    public const int ObservationsPerReading = 2;

    /// <summary>Per stored reading of these devices: receipts and observations.</summary>
    public static async Task<Dictionary<(string Device, Guid MessageId), (int Receipts, int Observations)>> StoredAsync(string connectionString, IReadOnlyList<string> deviceIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT m.device_id, m.message_key, COUNT(DISTINCT m.id), COUNT(o.id)
            FROM ingested_messages m LEFT JOIN observations o ON o.message_id = m.id
            WHERE m.device_id = ANY(@devices)
            GROUP BY m.device_id, m.message_key
            """, connection);
        query.Parameters.AddWithValue("devices", deviceIds.ToArray());
        var stored = new Dictionary<(string, Guid), (int, int)>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = reader.GetString(1);
            stored[(reader.GetString(0), Guid.TryParse(key, out var id) ? id : Guid.Empty)] = ((int)reader.GetInt64(2), (int)reader.GetInt64(3));
        }
        return stored;
    }

    /// <summary>Stored receipts of these devices (a progress count while waiting for the backlog).</summary>
    public static async Task<int> StoredCountAsync(string connectionString, IReadOnlyList<string> deviceIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT COUNT(*) FROM ingested_messages WHERE device_id = ANY(@devices)", connection);
        query.Parameters.AddWithValue("devices", deviceIds.ToArray());
        return (int)(long)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Waits (polling, up to <paramref name="deadline"/>) until every reading the broker acknowledged is stored, then once
    /// more for stragglers that would be duplicates, and judges.
    /// </summary>
    public static async Task<FaultVerdict> JudgeAsync(string fault, string connectionString, DeviceFleet fleet, TimeSpan deadline, string notes = "")
    {
        var readings = fleet.Readings;
        var acknowledged = readings.Where(r => r.Acknowledged).Select(r => (r.DeviceId, r.MessageId)).ToList();
        var until = DateTime.UtcNow + deadline;
        Dictionary<(string Device, Guid MessageId), (int Receipts, int Observations)> stored;
        while (true)
        {
            stored = await StoredAsync(connectionString, fleet.DeviceIds);
            if (acknowledged.All(stored.ContainsKey) || DateTime.UtcNow > until) break;
            await Task.Delay(500);
        }
        // Late copies (a redelivery still on its way) would show up as duplicates: look once more after they had time.
        await Task.Delay(TimeSpan.FromSeconds(2));
        stored = await StoredAsync(connectionString, fleet.DeviceIds);

        var sentKeys = readings.Select(r => (r.DeviceId, r.MessageId)).ToHashSet();
        var lost = readings.Where(r => r.Acknowledged && !stored.ContainsKey((r.DeviceId, r.MessageId))).ToList();
        return new FaultVerdict(
            fault,
            fleet.DeviceIds.Count,
            readings.Count,
            readings.Count(r => r.Acknowledged),
            readings.Count(r => r.NoSubscribers),
            readings.Count(r => r.Attempts > 1),
            stored.Count(s => sentKeys.Contains(s.Key)),
            lost.Count,
            stored.Values.Count(s => s.Receipts > 1 || s.Observations > ObservationsPerReading),
            readings.Count(r => !r.FirstAttemptAcknowledged && stored.ContainsKey((r.DeviceId, r.MessageId))),
            readings.Count(r => !r.Acknowledged && !stored.ContainsKey((r.DeviceId, r.MessageId))),
            // Stored but never sent (a bad key), or stored with fewer observations than the reading had.
            stored.Count(s => !sentKeys.Contains(s.Key)) + stored.Values.Count(s => s.Observations < ObservationsPerReading),
            notes) { LostReadings = lost };
    }
}

/// <summary>
/// The fault runs' table: each verdict goes to the test's output and is appended to <c>fault-runs.md</c> in
/// <c>$FAJMA_TEST_RESULTS</c> (else the temp folder), so the closing note of a run can quote it.
/// </summary>
internal static class FaultTable
{
    private static readonly Lock Gate = new();

    public static string FilePath => Path.Combine(Environment.GetEnvironmentVariable("FAJMA_TEST_RESULTS") is { Length: > 0 } folder ? folder : Path.GetTempPath(), "fault-runs.md");

    public static void Report(ITestOutputHelper output, params FaultVerdict[] verdicts)
    {
        var table = new StringBuilder().AppendLine(FaultVerdict.Header);
        foreach (var verdict in verdicts) table.AppendLine(verdict.Row);
        output.WriteLine(table.ToString());
        foreach (var verdict in verdicts)
            if (verdict.LostReadings.Count > 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{verdict.Fault}: lost {string.Join(", ", verdict.LostReadings.Take(10).Select(r => $"{r.DeviceId}/{r.MessageId} acked {r.AcknowledgedAt:HH:mm:ss.fff}"))}"));
        lock (Gate)
        {
            var path = FilePath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var header = !File.Exists(path) ? FaultVerdict.Header + "\n" : "";
            File.AppendAllText(path, header + string.Concat(verdicts.Select(v => v.Row + "\n")));
        }
    }
}
