using System.Buffers;
using System.Data.Common;
using System.Text.Json;
using System.Text;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Commit;

/// <summary>
/// The SQLite writer: a whole group commit in three statements, each reading its rows from one JSON
/// parameter through <c>json_each</c>. Binding and stepping a statement costs more than inserting a
/// row, so per-batch statements keep the single writer far from being the bottleneck.
/// Ids are assigned here (this process is the file's only writer), so no RETURNING order is relied on;
/// the message insert returns the ids it did insert, and every other id of the batch is a redelivery.
/// </summary>
internal sealed class SqliteBatchStatements : IBatchStatements
{
    private readonly DbCommand _insertMessages;
    private readonly DbCommand _insertObservations;
    private readonly DbCommand _updateDevices;
    private readonly PortableBatchStatements _deadLetters;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private long _nextMessageId;
    private long _nextObservationId;

    private SqliteBatchStatements(DbConnection connection, long lastMessageId, long lastObservationId)
    {
        _nextMessageId = lastMessageId + 1;
        _nextObservationId = lastObservationId + 1;
        _deadLetters = new PortableBatchStatements(connection);
        _insertMessages = PortableBatchStatements.Create(connection, """
            INSERT INTO ingested_messages (id, device_id, message_key, format, message_type, transport, device_time, device_sequence, received_at, source)
            SELECT json_extract(value, '$.id'), json_extract(value, '$.d'), json_extract(value, '$.k'), json_extract(value, '$.f'),
                   json_extract(value, '$.t'), json_extract(value, '$.tr'), json_extract(value, '$.dt'), json_extract(value, '$.ds'),
                   json_extract(value, '$.r'), json_extract(value, '$.so')
            FROM json_each(@rows) WHERE true
            ON CONFLICT (device_id, message_key) DO NOTHING
            RETURNING id
            """);
        _insertObservations = PortableBatchStatements.Create(connection, """
            INSERT INTO observations (id, message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source)
            SELECT json_extract(value, '$.id'), json_extract(value, '$.m'), json_extract(value, '$.p'), json_extract(value, '$.d'),
                   json_extract(value, '$.ty'), json_extract(value, '$.l'), json_extract(value, '$.u'), unhex(json_extract(value, '$.s')),
                   json_extract(value, '$.t'), json_extract(value, '$.r'), json_extract(value, '$.c')
            FROM json_each(@rows)
            """);
        _updateDevices = PortableBatchStatements.Create(connection, """
            UPDATE devices SET last_seen_at = json_extract(u.value, '$.s'),
                battery_level = COALESCE(json_extract(u.value, '$.b'), battery_level),
                signal_strength = COALESCE(json_extract(u.value, '$.g'), signal_strength),
                last_calibration = COALESCE(json_extract(u.value, '$.c'), last_calibration)
            FROM json_each(@rows) AS u
            WHERE devices.id = json_extract(u.value, '$.id')
            """);
    }

    public static async Task<SqliteBatchStatements> CreateAsync(DbConnection connection, CancellationToken ct)
    {
        await using var max = connection.CreateCommand();
        max.CommandText = "SELECT (SELECT COALESCE(MAX(id), 0) FROM ingested_messages), (SELECT COALESCE(MAX(id), 0) FROM observations)";
        await using var reader = await max.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SqliteBatchStatements(connection, reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<ReadingWriteResult?[]> WriteAsync(DbTransaction transaction, IReadOnlyList<BatchItem> batch, CancellationToken ct)
    {
        var results = new ReadingWriteResult?[batch.Count];
        var messageIds = new long[batch.Count];
        var inserted = await InsertMessagesAsync(transaction, batch, messageIds, ct);

        var observations = new List<Observation>();
        var devices = new Dictionary<string, (long Seen, Fajma.Core.Messages.DeviceStatusReport? Status)>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Reading is not { } write) continue;
            if (!inserted.Contains(messageIds[i]))
            {
                results[i] = new ReadingWriteResult(0, Duplicate: true, []);
                continue;
            }
            foreach (var pending in write.Observations)
            {
                pending.Row.MessageId = messageIds[i];
                pending.Row.Id = _nextObservationId++;
                observations.Add(pending.Row);
            }
            results[i] = new ReadingWriteResult(messageIds[i], Duplicate: false, write.Observations);
            var seen = write.ReceivedAt.ToUnixTimeMilliseconds();
            devices.TryGetValue(write.Reading.DeviceId, out var earlier);
            devices[write.Reading.DeviceId] = (Math.Max(seen, earlier.Seen), write.Reading.Status ?? earlier.Status);
        }
        if (observations.Count > 0) await ExecuteAsync(_insertObservations, transaction, ObservationsJson(observations), ct);
        if (devices.Count > 0) await ExecuteAsync(_updateDevices, transaction, DevicesJson(devices), ct);

        var letters = batch.Where(b => b.DeadLetter is not null).ToList();
        if (letters.Count > 0) await _deadLetters.WriteAsync(transaction, letters, ct);
        return results;
    }

    private async Task<HashSet<long>> InsertMessagesAsync(DbTransaction transaction, IReadOnlyList<BatchItem> batch, long[] ids, CancellationToken ct)
    {
        var inserted = new HashSet<long>();
        var json = Json(w =>
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].Reading is not { } write) continue;
                var reading = write.Reading;
                ids[i] = _nextMessageId++;
                w.WriteStartObject();
                w.WriteNumber("id", ids[i]);
                w.WriteString("d", reading.DeviceId);
                w.WriteString("k", reading.MessageKey);
                w.WriteString("f", reading.Format.ToString());
                w.WriteString("t", reading.MessageType);
                w.WriteString("tr", write.Transport);
                if (reading.DeviceTime is { } deviceTime) w.WriteNumber("dt", deviceTime.ToUnixTimeMilliseconds());
                if (reading.DeviceSequence is { } sequence) w.WriteNumber("ds", sequence);
                if (reading.Source is { } source) w.WriteString("so", source);
                w.WriteNumber("r", write.ReceivedAt.ToUnixTimeMilliseconds());
                w.WriteEndObject();
            }
        });
        _insertMessages.Transaction = transaction;
        PortableBatchStatements.Set(_insertMessages, "rows", json);
        await using var reader = await _insertMessages.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) inserted.Add(reader.GetInt64(0));
        return inserted;
    }

    private string ObservationsJson(List<Observation> rows) => Json(w =>
    {
        foreach (var o in rows)
        {
            w.WriteStartObject();
            w.WriteNumber("id", o.Id);
            w.WriteNumber("m", o.MessageId);
            w.WriteNumber("p", o.PatientId);
            w.WriteString("d", o.DeviceId);
            w.WriteString("ty", o.Type);
            w.WriteString("l", o.Loinc);
            w.WriteString("u", o.Unit);
            WriteHex(w, "s", o.Sealed); // JSON has no bytes: hex, turned back by unhex()
            w.WriteNumber("t", o.MeasuredAt.ToUnixTimeMilliseconds());
            w.WriteNumber("r", o.ReceivedAt.ToUnixTimeMilliseconds());
            w.WriteString("c", o.ClockSource);
            w.WriteEndObject();
        }
    });

    /// <summary>Bytes as hex straight into the writer: no string per sealed value on every commit.</summary>
    private static void WriteHex(Utf8JsonWriter writer, string name, byte[] bytes)
    {
        var rented = bytes.Length <= 256 ? null : ArrayPool<char>.Shared.Rent(bytes.Length * 2);
        Span<char> hex = rented ?? stackalloc char[512];
        Convert.TryToHexString(bytes, hex, out var written);
        writer.WriteString(name, hex[..written]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
    }

    private string DevicesJson(Dictionary<string, (long Seen, Fajma.Core.Messages.DeviceStatusReport? Status)> devices) => Json(w =>
    {
        foreach (var (id, (seen, status)) in devices)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteNumber("s", seen);
            if (status?.BatteryLevel is { } battery) w.WriteNumber("b", battery);
            if (status?.SignalStrength is { } signal) w.WriteNumber("g", signal);
            if (status?.LastCalibration is { } calibration) w.WriteNumber("c", calibration.ToUnixTimeMilliseconds());
            w.WriteEndObject();
        }
    });

    private string Json(Action<Utf8JsonWriter> writeRows)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            writeRows(writer);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    private static async Task ExecuteAsync(DbCommand command, DbTransaction transaction, string rows, CancellationToken ct)
    {
        command.Transaction = transaction;
        PortableBatchStatements.Set(command, "rows", rows);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _insertMessages.DisposeAsync();
        await _insertObservations.DisposeAsync();
        await _updateDevices.DisposeAsync();
        await _deadLetters.DisposeAsync();
    }
}
