using System.Data.Common;
using Fajma.Core.Vitals;

namespace Fajma.Server.Storage;

/// <summary>
/// The writer's statements, created once and reused for every row: portable SQL (ON CONFLICT,
/// RETURNING) that SQLite 3.35+ and PostgreSQL both run, so one writer serves both providers.
/// </summary>
internal sealed class WriterCommands : IAsyncDisposable
{
    private readonly DbCommand _insertMessage;
    private readonly DbCommand _insertObservation;
    private readonly DbCommand _updateDevice;
    private readonly DbCommand _insertDeadLetter;

    public WriterCommands(DbConnection connection)
    {
        _insertMessage = Create(connection, """
            INSERT INTO ingested_messages (device_id, message_key, format, message_type, transport, device_time, device_sequence, received_at)
            VALUES (@device_id, @message_key, @format, @message_type, @transport, @device_time, @device_sequence, @received_at)
            ON CONFLICT (device_id, message_key) DO NOTHING
            RETURNING id
            """);
        _insertObservation = Create(connection, """
            INSERT INTO observations (message_id, patient_id, device_id, type, loinc, value, diastolic, unit, quality, measured_at, received_at, clock_source)
            VALUES (@message_id, @patient_id, @device_id, @type, @loinc, @value, @diastolic, @unit, @quality, @measured_at, @received_at, @clock_source)
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
            INSERT INTO dead_letters (received_at, transport, source, device_id, reason, errors, payload_size, payload_excerpt)
            VALUES (@received_at, @transport, @source, @device_id, @reason, @errors, @payload_size, @payload_excerpt)
            """);
    }

    public void Enlist(DbTransaction transaction)
    {
        _insertMessage.Transaction = transaction;
        _insertObservation.Transaction = transaction;
        _updateDevice.Transaction = transaction;
        _insertDeadLetter.Transaction = transaction;
    }

    public async Task<ReadingWriteResult> InsertReadingAsync(ReadingWrite write, CancellationToken ct)
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
        var inserted = await _insertMessage.ExecuteScalarAsync(ct);
        if (inserted is null or DBNull) return new ReadingWriteResult(0, Duplicate: true, []);
        var messageId = Convert.ToInt64(inserted, System.Globalization.CultureInfo.InvariantCulture);

        var observations = new List<Observation>(reading.Measurements.Count);
        foreach (var m in reading.Measurements)
        {
            var definition = VitalSigns.Get(m.Type);
            var measuredAt = m.MeasuredAt ?? reading.DeviceTime;
            var observation = new Observation
            {
                MessageId = messageId,
                PatientId = write.PatientId,
                DeviceId = reading.DeviceId,
                Type = definition.WireName,
                Loinc = definition.Loinc,
                Value = m.Value,
                Diastolic = m.Diastolic,
                Unit = definition.DisplayUnit,
                Quality = m.Quality,
                MeasuredAt = measuredAt ?? write.ReceivedAt,
                ReceivedAt = write.ReceivedAt,
                ClockSource = measuredAt is null ? "server" : "device",
            };
            Set(_insertObservation, "message_id", messageId);
            Set(_insertObservation, "patient_id", observation.PatientId);
            Set(_insertObservation, "device_id", observation.DeviceId);
            Set(_insertObservation, "type", observation.Type);
            Set(_insertObservation, "loinc", observation.Loinc);
            Set(_insertObservation, "value", observation.Value);
            Set(_insertObservation, "diastolic", observation.Diastolic);
            Set(_insertObservation, "unit", observation.Unit);
            Set(_insertObservation, "quality", observation.Quality);
            Set(_insertObservation, "measured_at", observation.MeasuredAt.ToUnixTimeMilliseconds());
            Set(_insertObservation, "received_at", receivedAt);
            Set(_insertObservation, "clock_source", observation.ClockSource);
            observation.Id = Convert.ToInt64(await _insertObservation.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            observations.Add(observation);
        }

        Set(_updateDevice, "id", reading.DeviceId);
        Set(_updateDevice, "seen", receivedAt);
        Set(_updateDevice, "battery", reading.Status?.BatteryLevel);
        Set(_updateDevice, "signal", reading.Status?.SignalStrength);
        Set(_updateDevice, "calibration", reading.Status?.LastCalibration?.ToUnixTimeMilliseconds());
        await _updateDevice.ExecuteNonQueryAsync(ct);
        return new ReadingWriteResult(messageId, Duplicate: false, observations);
    }

    public async Task InsertDeadLetterAsync(DeadLetter letter, CancellationToken ct)
    {
        Set(_insertDeadLetter, "received_at", letter.ReceivedAt.ToUnixTimeMilliseconds());
        Set(_insertDeadLetter, "transport", letter.Transport);
        Set(_insertDeadLetter, "source", letter.Source);
        Set(_insertDeadLetter, "device_id", letter.DeviceId);
        Set(_insertDeadLetter, "reason", letter.Reason);
        Set(_insertDeadLetter, "errors", letter.Errors);
        Set(_insertDeadLetter, "payload_size", letter.PayloadSize);
        Set(_insertDeadLetter, "payload_excerpt", letter.PayloadExcerpt);
        await _insertDeadLetter.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _insertMessage.DisposeAsync();
        await _insertObservation.DisposeAsync();
        await _updateDevice.DisposeAsync();
        await _insertDeadLetter.DisposeAsync();
    }

    private static DbCommand Create(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Sets a parameter, creating it on first use; null becomes SQL NULL.</summary>
    private static void Set(DbCommand command, string name, object? value)
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
