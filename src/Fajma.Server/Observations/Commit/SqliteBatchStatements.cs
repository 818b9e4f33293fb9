using System.Data.Common;
using Fajma.Core.Messages;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Fajma.Server.Observations.Commit;

/// <summary>
/// The SQLite writer: a group commit as three statements prepared once and stepped row by row through SQLite's own API
/// (<see cref="SqliteStatement"/>). SQLite runs in this process, so a step is a function call: what cost was everything
/// around it — one JSON parameter per statement unpacked by <c>json_each</c> and a <c>json_extract</c> per column, and before
/// that commands binding parameters by name (docs/performance.md, issue 15, twelfth session).
/// Ids are assigned here (this process is the file's only writer); a message whose key is already stored inserts nothing,
/// and is reported as a redelivery.
/// </summary>
internal sealed class SqliteBatchStatements : IBatchStatements
{
    private readonly SqliteStatement _insertMessage;
    private readonly SqliteStatement _insertObservation;
    private readonly SqliteStatement _updateDevice;
    private readonly PortableBatchStatements _deadLetters;
    private readonly Dictionary<string, (long Seen, DeviceStatusReport? Status)> _devices = new(StringComparer.Ordinal);
    private long _nextMessageId;
    private long _nextObservationId;

    private SqliteBatchStatements(SqliteConnection connection, long lastMessageId, long lastObservationId)
    {
        _nextMessageId = lastMessageId + 1;
        _nextObservationId = lastObservationId + 1;
        _deadLetters = new PortableBatchStatements(connection);
        _insertMessage = new SqliteStatement(connection, """
            INSERT INTO ingested_messages (id, device_id, message_key, format, message_type, transport, device_time, device_sequence, received_at, source)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (device_id, message_key) DO NOTHING
            """);
        _insertObservation = new SqliteStatement(connection, """
            INSERT INTO observations (id, message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """);
        _updateDevice = new SqliteStatement(connection, """
            UPDATE devices SET last_seen_at = ?2,
                battery_level = COALESCE(?3, battery_level),
                signal_strength = COALESCE(?4, signal_strength),
                last_calibration = COALESCE(?5, last_calibration)
            WHERE id = ?1
            """);
    }

    public static async Task<SqliteBatchStatements> CreateAsync(DbConnection connection, CancellationToken ct)
    {
        await using var max = connection.CreateCommand();
        max.CommandText = "SELECT (SELECT COALESCE(MAX(id), 0) FROM ingested_messages), (SELECT COALESCE(MAX(id), 0) FROM observations)";
        await using var reader = await max.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SqliteBatchStatements((SqliteConnection)connection, reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<ReadingWriteResult?[]> WriteAsync(DbTransaction transaction, IReadOnlyList<BatchItem> batch, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var results = new ReadingWriteResult?[batch.Count];
        _devices.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Reading is not { } write) continue;
            var messageId = _nextMessageId++;
            var receivedAt = write.ReceivedAt.ToUnixTimeMilliseconds();
            if (!InsertMessage(messageId, write, receivedAt))
            {
                results[i] = new ReadingWriteResult(0, Duplicate: true, []);
                continue;
            }
            foreach (var pending in write.Observations) InsertObservation(messageId, pending.Row);
            results[i] = new ReadingWriteResult(messageId, Duplicate: false, write.Observations);
            // Last contact and status are written once per device per commit, however many messages it sent.
            var reading = write.Reading;
            _devices.TryGetValue(reading.DeviceId, out var earlier);
            _devices[reading.DeviceId] = (Math.Max(receivedAt, earlier.Seen), reading.Status ?? earlier.Status);
        }
        foreach (var (deviceId, (seen, status)) in _devices) UpdateDevice(deviceId, seen, status);

        var letters = batch.Where(b => b.DeadLetter is not null).ToList();
        if (letters.Count > 0) await _deadLetters.WriteAsync(transaction, letters, ct); // rare: no need for speed
        return results;
    }

    /// <summary>False when the device's message key is already stored: a redelivery, nothing inserted.</summary>
    private bool InsertMessage(long id, ReadingWrite write, long receivedAt)
    {
        var reading = write.Reading;
        var s = _insertMessage;
        s.Bind(1, id);
        s.Bind(2, reading.DeviceId);
        s.Bind(3, reading.MessageKey);
        s.Bind(4, reading.Format.ToString());
        s.Bind(5, reading.MessageType);
        s.Bind(6, write.Transport);
        s.Bind(7, reading.DeviceTime?.ToUnixTimeMilliseconds());
        s.Bind(8, reading.DeviceSequence);
        s.Bind(9, receivedAt);
        s.Bind(10, reading.Source);
        return s.Execute() == 1;
    }

    private void InsertObservation(long messageId, Observation o)
    {
        o.MessageId = messageId;
        o.Id = _nextObservationId++;
        var s = _insertObservation;
        s.Bind(1, o.Id);
        s.Bind(2, messageId);
        s.Bind(3, o.PatientId);
        s.Bind(4, o.DeviceId);
        s.Bind(5, o.Type);
        s.Bind(6, o.Loinc);
        s.Bind(7, o.Unit);
        s.Bind(8, o.Sealed);
        s.Bind(9, o.MeasuredAt.ToUnixTimeMilliseconds());
        s.Bind(10, o.ReceivedAt.ToUnixTimeMilliseconds());
        s.Bind(11, o.ClockSource);
        s.Execute();
    }

    private void UpdateDevice(string deviceId, long seen, DeviceStatusReport? status)
    {
        var s = _updateDevice;
        s.Bind(1, deviceId);
        s.Bind(2, seen);
        s.Bind(3, status?.BatteryLevel);
        s.Bind(4, status?.SignalStrength);
        s.Bind(5, status?.LastCalibration?.ToUnixTimeMilliseconds());
        s.Execute();
    }

    public async ValueTask DisposeAsync()
    {
        _insertMessage.Dispose();
        _insertObservation.Dispose();
        _updateDevice.Dispose();
        await _deadLetters.DisposeAsync();
    }
}
