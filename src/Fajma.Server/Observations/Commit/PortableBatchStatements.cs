using System.Data.Common;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Commit;

/// <summary>
/// The writer's statements for any other provider (SQLite and PostgreSQL have whole-batch ones): portable
/// SQL (ON CONFLICT, RETURNING), created once and reused, one message at a time within the group commit.
/// </summary>
internal sealed class PortableBatchStatements : IBatchStatements
{
    private readonly DbCommand _insertMessage;
    private readonly Dictionary<string, DbCommand> _insertObservations = new(StringComparer.Ordinal);
    private readonly DbConnection _connection;
    private readonly Dictionary<string, (long Seen, Fajma.Core.Messages.DeviceStatusReport? Status)> _deviceUpdates = new(StringComparer.Ordinal);
    private readonly DbCommand _updateDevice;
    private readonly DbCommand _insertDeadLetter;

    private const string ObservationColumns =
        "message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source";

    public PortableBatchStatements(DbConnection connection)
    {
        _connection = connection;
        _insertMessage = Create(connection, """
            INSERT INTO ingested_messages (device_id, message_key, format, message_type, transport, device_time, device_sequence, received_at, source)
            VALUES (@device_id, @message_key, @format, @message_type, @transport, @device_time, @device_sequence, @received_at, @source)
            ON CONFLICT (device_id, message_key) DO NOTHING
            RETURNING id
            """);
        _updateDevice = Create(connection, """
            UPDATE devices SET last_seen_at = @seen,
                battery_level = COALESCE(@battery, battery_level),
                signal_strength = COALESCE(@signal, signal_strength),
                last_calibration = COALESCE(@calibration, last_calibration)
            WHERE id = @id
            """);
        _insertDeadLetter = Create(connection, """
            INSERT INTO dead_letters (received_at, transport, source, device_id, reason, fields, payload_size, sealed)
            VALUES (@received_at, @transport, @source, @device_id, @reason, @fields, @payload_size, @sealed)
            """);
    }

    public async Task<ReadingWriteResult?[]> WriteAsync(DbTransaction transaction, IReadOnlyList<BatchItem> batch, CancellationToken ct)
    {
        Enlist(transaction);
        var results = new ReadingWriteResult?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Reading is { } reading) results[i] = await InsertReadingAsync(reading, ct);
            else await InsertDeadLetterAsync(batch[i].DeadLetter!, ct);
        }
        await UpdateDevicesAsync(ct);
        return results;
    }

    private void Enlist(DbTransaction transaction)
    {
        _insertMessage.Transaction = transaction;
        foreach (var command in _insertObservations.Values) command.Transaction = transaction;
        _updateDevice.Transaction = transaction;
        _insertDeadLetter.Transaction = transaction;
        _deviceUpdates.Clear();
    }

    /// <summary>
    /// One multi-row INSERT per message, cached per list of types: what a row shares with its message is
    /// bound once, the type's code and unit are literals, and only the sealed values, time and clock vary
    /// per row. Microsoft.Data.Sqlite binds parameters by name on every execution, so fewer is faster.
    /// </summary>
    private DbCommand ObservationInsert(IReadOnlyList<PendingObservation> rows, DbTransaction? transaction)
    {
        var signature = string.Join(',', rows.Select(o => o.Row.Type));
        if (_insertObservations.TryGetValue(signature, out var command)) return command;
        var values = string.Join(", ", rows.Select((o, r) => FormattableString.Invariant(
            $"(@message_id, @patient_id, @device_id, '{o.Row.Type}', '{o.Row.Loinc}', '{o.Row.Unit}', @s{r}, @t{r}, @received_at, @c{r})")));
        command = Create(_connection, $"INSERT INTO observations ({ObservationColumns}) VALUES {values} RETURNING id");
        command.Transaction = transaction;
        foreach (var name in (string[])["message_id", "patient_id", "device_id", "received_at"]) Set(command, name, null);
        for (var r = 0; r < rows.Count; r++)
            foreach (var name in (string[])["s", "t", "c"]) Set(command, name + r.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        _insertObservations[signature] = command;
        return command;
    }

    private async Task<ReadingWriteResult> InsertReadingAsync(ReadingWrite write, CancellationToken ct)
    {
        var reading = write.Reading;
        var receivedAt = write.ReceivedAt.ToUnixTimeMilliseconds();
        Set(_insertMessage, "device_id", reading.DeviceId);
        Set(_insertMessage, "message_key", reading.MessageKey);
        Set(_insertMessage, "format", reading.Format.ToString());
        Set(_insertMessage, "message_type", reading.MessageType);
        Set(_insertMessage, "transport", write.Transport);
        Set(_insertMessage, "device_time", reading.DeviceTime?.ToUnixTimeMilliseconds());
        Set(_insertMessage, "device_sequence", reading.DeviceSequence);
        Set(_insertMessage, "received_at", receivedAt);
        Set(_insertMessage, "source", reading.Source);
        var inserted = await _insertMessage.ExecuteScalarAsync(ct);
        if (inserted is null or DBNull) return new ReadingWriteResult(0, Duplicate: true, []);
        var messageId = Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture);

        var observations = write.Observations;
        if (observations.Count > 0)
        {
            var insert = ObservationInsert(observations, _insertMessage.Transaction);
            var p = insert.Parameters;
            p[0].Value = messageId;
            p[1].Value = write.PatientId;
            p[2].Value = reading.DeviceId;
            p[3].Value = receivedAt;
            for (var r = 0; r < observations.Count; r++)
            {
                var o = observations[r].Row;
                o.MessageId = messageId;
                var at = 4 + r * 3;
                p[at].Value = o.Sealed;
                p[at + 1].Value = o.MeasuredAt.ToUnixTimeMilliseconds();
                p[at + 2].Value = o.ClockSource;
            }
            await using var ids = await insert.ExecuteReaderAsync(ct);
            for (var r = 0; r < observations.Count && await ids.ReadAsync(ct); r++) observations[r].Row.Id = ids.GetInt64(0);
        }

        // Last contact and status are written once per device per commit, however many messages it sent.
        var status = reading.Status;
        if (_deviceUpdates.TryGetValue(reading.DeviceId, out var earlier))
            status ??= earlier.Status;
        _deviceUpdates[reading.DeviceId] = (Math.Max(receivedAt, earlier.Seen), status);
        return new ReadingWriteResult(messageId, Duplicate: false, observations);
    }

    /// <summary>Writes the batch's device last-seen and status updates; call once before commit.</summary>
    private async Task UpdateDevicesAsync(CancellationToken ct)
    {
        foreach (var (deviceId, (seen, status)) in _deviceUpdates)
        {
            Set(_updateDevice, "id", deviceId);
            Set(_updateDevice, "seen", seen);
            Set(_updateDevice, "battery", status?.BatteryLevel);
            Set(_updateDevice, "signal", status?.SignalStrength);
            Set(_updateDevice, "calibration", status?.LastCalibration?.ToUnixTimeMilliseconds());
            await _updateDevice.ExecuteNonQueryAsync(ct);
        }
        _deviceUpdates.Clear();
    }

    /// <summary>Also used by the SQLite statements: dead letters are rare and need no batching.</summary>
    internal async Task InsertDeadLetterAsync(DeadLetter letter, CancellationToken ct)
    {
        Set(_insertDeadLetter, "received_at", letter.ReceivedAt.ToUnixTimeMilliseconds());
        Set(_insertDeadLetter, "transport", letter.Transport);
        Set(_insertDeadLetter, "source", letter.Source);
        Set(_insertDeadLetter, "device_id", letter.DeviceId);
        Set(_insertDeadLetter, "reason", letter.Reason);
        Set(_insertDeadLetter, "fields", letter.Fields);
        Set(_insertDeadLetter, "payload_size", letter.PayloadSize);
        Set(_insertDeadLetter, "sealed", letter.Sealed);
        await _insertDeadLetter.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _insertMessage.DisposeAsync();
        foreach (var command in _insertObservations.Values) await command.DisposeAsync();
        await _updateDevice.DisposeAsync();
        await _insertDeadLetter.DisposeAsync();
    }

    internal static DbCommand Create(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Sets a parameter, creating it on first use; null becomes SQL NULL.</summary>
    internal static void Set(DbCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        if (parameters.Contains(name))
        {
            parameters[name].Value = value ?? DBNull.Value;
            return;
        }
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
    }
}
