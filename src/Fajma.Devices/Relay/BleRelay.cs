using System.Text.Json;
using Fajma.Core.Ble;
using Fajma.Core.Vitals;
using Fajma.Core.Wire;
using Fajma.Devices.Outbox;

namespace Fajma.Devices.Relay;

/// <summary>
/// A desktop gateway's relay for a BLE heart-rate strap, as the patient's phone does it in the web app: each Heart Rate
/// Measurement notification (0x2A37) is parsed, readings without skin contact or outside the plausible range are
/// skipped, the rest are batched (<see cref="BleRelayOptions"/>: 10 readings or 5 s) and each batch is sealed — one
/// signed standard message per reading, with the reading's time — into the gateway's <see cref="SqliteOutbox"/> as one
/// <c>/api/v1/iot/mobile-data</c> body. An <see cref="OutboxForwarder"/> over a <see cref="Transport.MobileDataTransport"/>
/// sends them, so a batch outlives a network loss or a restart.
/// </summary>
/// <remarks>
/// The relay signs as the provisioned device it was paired with (type <c>ble_heart_rate</c>: its id and secret from the
/// bundle's device.json). Where notifications
/// come from is the caller's: BlueZ over D-Bus on Linux, WinRT on Windows — anything that yields the characteristic's bytes.
/// </remarks>
public sealed class BleRelay : IDisposable
{
    private readonly string _deviceId;
    private readonly byte[] _secret;
    private readonly SqliteOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly BleRelayOptions _options;
    private readonly Lock _gate = new();
    private readonly List<Measurement> _pending = [];
    private readonly ITimer _flushTimer;
    private bool _timerArmed;

    public BleRelay(string deviceId, byte[] secret, SqliteOutbox outbox, TimeProvider? time = null, BleRelayOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(outbox);
        _deviceId = deviceId;
        _secret = secret;
        _outbox = outbox;
        _time = time ?? TimeProvider.System;
        _options = options ?? new BleRelayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.BatchSize, 100); // the server's batch limit
        _flushTimer = _time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public BleRelayStatistics Statistics { get; } = new();

    /// <summary>Readings waiting for their batch to be sealed.</summary>
    public int Pending
    {
        get { lock (_gate) return _pending.Count; }
    }

    /// <summary>Takes one notification's value, read at <paramref name="at"/> (now when null). Never throws on bad bytes.</summary>
    public void Receive(ReadOnlySpan<byte> notification, DateTimeOffset? at = null)
    {
        Statistics.CountReceived();
        var parsed = HeartRateMeasurementParser.Parse(notification);
        if (!parsed.IsValid)
        {
            Statistics.CountMalformed(parsed.Rejection!.Summary);
            return;
        }
        var reading = parsed.Value!;
        if (reading.SensorContact == HeartRateSensorContact.NotDetected || reading.HeartRate < _options.MinHeartRate || reading.HeartRate > _options.MaxHeartRate)
        {
            Statistics.CountSkipped();
            return;
        }
        var measurement = new Measurement(VitalSignType.HeartRate, reading.HeartRate, MeasuredAt: at ?? _time.GetUtcNow());
        lock (_gate)
        {
            _pending.Add(measurement);
            if (_pending.Count >= _options.BatchSize)
            {
                SealLocked();
            }
            else if (!_timerArmed)
            {
                _flushTimer.Change(_options.FlushInterval, Timeout.InfiniteTimeSpan);
                _timerArmed = true;
            }
        }
    }

    /// <summary>Reads notifications until the stream ends or <paramref name="cancellationToken"/> fires, then seals what is pending.</summary>
    public async Task RunAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        try
        {
            await foreach (var value in notifications.WithCancellation(cancellationToken)) Receive(value.Span);
        }
        finally
        {
            Flush();
        }
    }

    /// <summary>Seals what is pending into the outbox now (on disconnect or stop).</summary>
    public void Flush()
    {
        lock (_gate) SealLocked();
    }

    private void SealLocked()
    {
        _flushTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timerArmed = false;
        if (_pending.Count == 0) return;
        var messages = _pending.Select(m => StandardMessageBuilder.Build(_deviceId, Guid.CreateVersion7(m.MeasuredAt!.Value), m.MeasuredAt.Value, [m], secret: _secret, source: _options.Source)).ToList();
        _pending.Clear();
        var batchId = Guid.CreateVersion7(_time.GetUtcNow());
        // One outbox entry per batch: the batch is the unit the server acknowledges; each message keeps its own id, so a resend is harmless.
        _outbox.Enqueue("batch:" + batchId, JsonSerializer.SerializeToUtf8Bytes(new MobileBatchBody(messages), RelayJsonContext.Default.MobileBatchBody));
        Statistics.CountBatch();
    }

    public void Dispose()
    {
        Flush();
        _flushTimer.Dispose();
    }
}
