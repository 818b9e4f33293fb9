using System.Data.Common;
using Fajma.Core.Messages;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fajma.Server.Observations.Commit;

/// <summary>
/// The PostgreSQL writer: a whole group commit in a few prepared statements, each reading its rows from
/// array parameters through <c>unnest</c>. One round trip per table instead of one per message is what
/// lets the single writer keep up; ON CONFLICT still decides which receipts are new.
/// </summary>
internal sealed class PostgresBatchStatements : IBatchStatements
{
    private readonly NpgsqlCommand _insertMessages;
    private readonly NpgsqlCommand _insertObservations;
    private readonly NpgsqlCommand _updateDevices;
    private readonly NpgsqlCommand _insertDeadLetters;

    public PostgresBatchStatements(NpgsqlConnection connection)
    {
        // Message keys are unique within the statement (the batch is deduplicated first), so the returned
        // (device_id, message_key) pairs say exactly which messages are new, whatever the row order.
        _insertMessages = Command(connection, """
            INSERT INTO ingested_messages (device_id, message_key, format, message_type, transport, device_time, device_sequence, received_at, source)
            SELECT * FROM unnest(@d, @k, @f, @t, @tr, @dt, @ds, @r, @so)
            ON CONFLICT (device_id, message_key) DO NOTHING
            RETURNING id, device_id, message_key
            """,
            ("d", NpgsqlDbType.Text), ("k", NpgsqlDbType.Text), ("f", NpgsqlDbType.Text), ("t", NpgsqlDbType.Text),
            ("tr", NpgsqlDbType.Text), ("dt", NpgsqlDbType.Bigint), ("ds", NpgsqlDbType.Bigint), ("r", NpgsqlDbType.Bigint),
            ("so", NpgsqlDbType.Text));
        // Ids are drawn in the CTE (volatile, so materialized once) and read back from it in row order:
        // INSERT … RETURNING promises no order, and each caller must get its own rows' ids.
        _insertObservations = Command(connection, """
            WITH rows AS (
                SELECT nextval(pg_get_serial_sequence('observations', 'id')) AS id, u.*
                FROM unnest(@m, @p, @d, @ty, @l, @u, @s, @t, @r, @c) WITH ORDINALITY
                    AS u(message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source, n)),
            inserted AS (
                INSERT INTO observations (id, message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source)
                SELECT id, message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source FROM rows)
            SELECT id FROM rows ORDER BY n
            """,
            ("m", NpgsqlDbType.Bigint), ("p", NpgsqlDbType.Integer), ("d", NpgsqlDbType.Text), ("ty", NpgsqlDbType.Text),
            ("l", NpgsqlDbType.Text), ("u", NpgsqlDbType.Text), ("s", NpgsqlDbType.Bytea), ("t", NpgsqlDbType.Bigint),
            ("r", NpgsqlDbType.Bigint), ("c", NpgsqlDbType.Text));
        _updateDevices = Command(connection, """
            UPDATE devices SET last_seen_at = u.seen,
                battery_level = COALESCE(u.battery, devices.battery_level),
                signal_strength = COALESCE(u.signal, devices.signal_strength),
                last_calibration = COALESCE(u.calibration, devices.last_calibration)
            FROM unnest(@id, @seen, @battery, @signal, @calibration) AS u(id, seen, battery, signal, calibration)
            WHERE devices.id = u.id
            """,
            ("id", NpgsqlDbType.Text), ("seen", NpgsqlDbType.Bigint), ("battery", NpgsqlDbType.Integer),
            ("signal", NpgsqlDbType.Integer), ("calibration", NpgsqlDbType.Bigint));
        _insertDeadLetters = Command(connection, """
            INSERT INTO dead_letters (received_at, transport, source, device_id, reason, fields, payload_size, sealed)
            SELECT * FROM unnest(@r, @tr, @src, @d, @why, @f, @n, @s)
            """,
            ("r", NpgsqlDbType.Bigint), ("tr", NpgsqlDbType.Text), ("src", NpgsqlDbType.Text), ("d", NpgsqlDbType.Text),
            ("why", NpgsqlDbType.Text), ("f", NpgsqlDbType.Text), ("n", NpgsqlDbType.Integer), ("s", NpgsqlDbType.Bytea));
    }

    public async Task<ReadingWriteResult?[]> WriteAsync(DbTransaction transaction, IReadOnlyList<BatchItem> batch, CancellationToken ct)
    {
        var tx = (NpgsqlTransaction)transaction;
        var results = new ReadingWriteResult?[batch.Count];
        var (first, ids) = await InsertMessagesAsync(tx, batch, ct);

        var observations = new List<Observation>();
        var devices = new Dictionary<string, (long Seen, DeviceStatusReport? Status)>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Reading is not { } write) continue;
            var reading = write.Reading;
            // Only the batch's first occurrence of a key can be new; a later one is a redelivery of it.
            if (!first[i] || !ids.TryGetValue((reading.DeviceId, reading.MessageKey), out var messageId))
            {
                results[i] = new ReadingWriteResult(0, Duplicate: true, []);
                continue;
            }
            foreach (var pending in write.Observations)
            {
                pending.Row.MessageId = messageId;
                observations.Add(pending.Row);
            }
            results[i] = new ReadingWriteResult(messageId, Duplicate: false, write.Observations);
            // Last contact and status are written once per device per commit, however many messages it sent.
            var seen = write.ReceivedAt.ToUnixTimeMilliseconds();
            devices.TryGetValue(reading.DeviceId, out var earlier);
            devices[reading.DeviceId] = (Math.Max(seen, earlier.Seen), reading.Status ?? earlier.Status);
        }
        if (observations.Count > 0) await InsertObservationsAsync(tx, observations, ct);
        if (devices.Count > 0) await UpdateDevicesAsync(tx, devices, ct);
        var letters = batch.Where(b => b.DeadLetter is not null).Select(b => b.DeadLetter!).ToList();
        if (letters.Count > 0) await InsertDeadLettersAsync(tx, letters, ct);
        return results;
    }

    /// <summary>Inserts each distinct key once; returns which items were first with their key, and the ids of the new receipts.</summary>
    private async Task<(bool[] First, Dictionary<(string, string), long> Ids)> InsertMessagesAsync(
        NpgsqlTransaction tx, IReadOnlyList<BatchItem> batch, CancellationToken ct)
    {
        var first = new bool[batch.Count];
        var keys = new HashSet<(string, string)>();
        var rows = new List<ReadingWrite>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Reading is { } write && keys.Add((write.Reading.DeviceId, write.Reading.MessageKey)))
            {
                first[i] = true;
                rows.Add(write);
            }
        }
        var ids = new Dictionary<(string, string), long>(rows.Count);
        if (rows.Count == 0) return (first, ids);
        var p = _insertMessages.Parameters;
        p[0].Value = rows.Select(w => w.Reading.DeviceId).ToArray();
        p[1].Value = rows.Select(w => w.Reading.MessageKey).ToArray();
        p[2].Value = rows.Select(w => w.Reading.Format.ToString()).ToArray();
        p[3].Value = rows.Select(w => w.Reading.MessageType).ToArray();
        p[4].Value = rows.Select(w => w.Transport).ToArray();
        p[5].Value = rows.Select(w => w.Reading.DeviceTime?.ToUnixTimeMilliseconds()).ToArray();
        p[6].Value = rows.Select(w => w.Reading.DeviceSequence).ToArray();
        p[7].Value = rows.Select(w => w.ReceivedAt.ToUnixTimeMilliseconds()).ToArray();
        p[8].Value = rows.Select(w => w.Reading.Source).ToArray();
        await using var reader = await ExecuteReaderAsync(_insertMessages, tx, ct);
        while (await reader.ReadAsync(ct)) ids[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
        return (first, ids);
    }

    private async Task InsertObservationsAsync(NpgsqlTransaction tx, List<Observation> rows, CancellationToken ct)
    {
        var p = _insertObservations.Parameters;
        p[0].Value = rows.Select(o => o.MessageId).ToArray();
        p[1].Value = rows.Select(o => o.PatientId).ToArray();
        p[2].Value = rows.Select(o => o.DeviceId).ToArray();
        p[3].Value = rows.Select(o => o.Type).ToArray();
        p[4].Value = rows.Select(o => o.Loinc).ToArray();
        p[5].Value = rows.Select(o => o.Unit).ToArray();
        p[6].Value = rows.Select(o => o.Sealed).ToArray();
        p[7].Value = rows.Select(o => o.MeasuredAt.ToUnixTimeMilliseconds()).ToArray();
        p[8].Value = rows.Select(o => o.ReceivedAt.ToUnixTimeMilliseconds()).ToArray();
        p[9].Value = rows.Select(o => o.ClockSource).ToArray();
        await using var reader = await ExecuteReaderAsync(_insertObservations, tx, ct);
        for (var r = 0; r < rows.Count && await reader.ReadAsync(ct); r++) rows[r].Id = reader.GetInt64(0);
    }

    private async Task UpdateDevicesAsync(NpgsqlTransaction tx, Dictionary<string, (long Seen, DeviceStatusReport? Status)> devices, CancellationToken ct)
    {
        // In one order on every node: the broker deals a device's readings to all of them, so their commits update the same rows,
        // and rows locked in the order the readings came would let two commits each hold a row the other waits for (a deadlock).
        var rows = devices.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        var p = _updateDevices.Parameters;
        p[0].Value = rows.Select(d => d.Key).ToArray();
        p[1].Value = rows.Select(d => d.Value.Seen).ToArray();
        p[2].Value = rows.Select(d => d.Value.Status?.BatteryLevel).ToArray();
        p[3].Value = rows.Select(d => d.Value.Status?.SignalStrength).ToArray();
        p[4].Value = rows.Select(d => d.Value.Status?.LastCalibration?.ToUnixTimeMilliseconds()).ToArray();
        await ExecuteNonQueryAsync(_updateDevices, tx, ct);
    }

    private async Task InsertDeadLettersAsync(NpgsqlTransaction tx, List<DeadLetter> letters, CancellationToken ct)
    {
        var p = _insertDeadLetters.Parameters;
        p[0].Value = letters.Select(l => l.ReceivedAt.ToUnixTimeMilliseconds()).ToArray();
        p[1].Value = letters.Select(l => l.Transport).ToArray();
        p[2].Value = letters.Select(l => l.Source).ToArray();
        p[3].Value = letters.Select(l => l.DeviceId).ToArray();
        p[4].Value = letters.Select(l => l.Reason).ToArray();
        p[5].Value = letters.Select(l => l.Fields).ToArray();
        p[6].Value = letters.Select(l => l.PayloadSize).ToArray();
        p[7].Value = letters.Select(l => l.Sealed).ToArray();
        await ExecuteNonQueryAsync(_insertDeadLetters, tx, ct);
    }

    private static async Task<NpgsqlDataReader> ExecuteReaderAsync(NpgsqlCommand command, NpgsqlTransaction tx, CancellationToken ct)
    {
        await EnlistAsync(command, tx, ct);
        return await command.ExecuteReaderAsync(ct);
    }

    private static async Task ExecuteNonQueryAsync(NpgsqlCommand command, NpgsqlTransaction tx, CancellationToken ct)
    {
        await EnlistAsync(command, tx, ct);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Prepared on first use (parsed and planned once per connection), then only the arrays travel.</summary>
    private static async Task EnlistAsync(NpgsqlCommand command, NpgsqlTransaction tx, CancellationToken ct)
    {
        command.Transaction = tx;
        if (!command.IsPrepared) await command.PrepareAsync(ct);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, NpgsqlDbType Element)[] arrays)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, element) in arrays)
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | element));
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _insertMessages.DisposeAsync();
        await _insertObservations.DisposeAsync();
        await _updateDevices.DisposeAsync();
        await _insertDeadLetters.DisposeAsync();
    }
}
