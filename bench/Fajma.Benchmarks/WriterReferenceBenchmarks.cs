using BenchmarkDotNet.Attributes;
using Fajma.Server.Observations.Seal;
using Microsoft.Data.Sqlite;

namespace Fajma.Benchmarks;

/// <summary>
/// Not product code: the same rows as <see cref="WriterBenchmarks"/> (64 flat readings, 3 sealed observations each, one
/// transaction, WAL, <c>synchronous=FULL</c>, the migrated schema) written with prepared statements bound row by row
/// instead of one JSON parameter unpacked by <c>json_each</c>, to price that choice. Run it beside the writer:
/// <c>--filter '*Writer*'</c>. Single-threaded, no queue: it is the floor of the SQLite side only.
/// </summary>
[MemoryDiagnoser]
public class WriterReferenceBenchmarks : IDisposable
{
    private const int Messages = 64;
    private readonly SqliteStore _store = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _insertMessage;
    private SqliteCommand? _insertObservation;
    private SqliteCommand? _updateDevice;
    private ReadingWrite? _write;
    private long _key;
    private long _written;
    private TimeSpan _cpuAtStart;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await _store.InitializeAsync(CancellationToken.None);
        _connection = new SqliteConnection(_store.ConnectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
            pragma.ExecuteNonQuery();
        }
        _insertMessage = Command("""
            INSERT INTO ingested_messages (device_id, message_key, format, message_type, transport, device_time, device_sequence, received_at, source)
            VALUES ($d, $k, $f, $t, $tr, NULL, $ds, $r, NULL) ON CONFLICT (device_id, message_key) DO NOTHING RETURNING id
            """, "$d", "$k", "$f", "$t", "$tr", "$ds", "$r");
        _insertObservation = Command("""
            INSERT INTO observations (message_id, patient_id, device_id, type, loinc, unit, sealed, measured_at, received_at, clock_source)
            VALUES ($m, $p, $d, $ty, $l, $u, $s, $t, $r, $c)
            """, "$m", "$p", "$d", "$ty", "$l", "$u", "$s", "$t", "$r", "$c");
        _updateDevice = Command("UPDATE devices SET last_seen_at = $s WHERE id = $id", "$s", "$id");
        _write = ReadingWrite.Create(Inputs.Parsed(Inputs.Flat()), _store.PatientId, "mqtt", Inputs.At, Inputs.DataKey);
        _cpuAtStart = Environment.CpuUsage.TotalTime;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// reference: {_written} messages, {(Environment.CpuUsage.TotalTime - _cpuAtStart).TotalMicroseconds / Math.Max(1, _written):F1} µs of process CPU per message");
        Dispose();
        await _store.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public void PreparedRows64()
    {
        using var transaction = _connection!.BeginTransaction();
        var reading = _write!.Reading;
        var received = _write.ReceivedAt.ToUnixTimeMilliseconds();
        for (var i = 0; i < Messages; i++)
        {
            var key = ++_key;
            Bind(_insertMessage!, transaction, reading.DeviceId, "ts:" + key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                reading.Format.ToString(), reading.MessageType, _write.Transport, key, received);
            var messageId = (long)_insertMessage!.ExecuteScalar()!;
            foreach (var pending in _write.Observations)
            {
                var o = pending.Row;
                Bind(_insertObservation!, transaction, messageId, o.PatientId, o.DeviceId, o.Type, o.Loinc, o.Unit, o.Sealed,
                    o.MeasuredAt.ToUnixTimeMilliseconds(), received, o.ClockSource);
                _insertObservation!.ExecuteNonQuery();
            }
        }
        Bind(_updateDevice!, transaction, received, reading.DeviceId);
        _updateDevice!.ExecuteNonQuery();
        transaction.Commit();
        _written += Messages;
    }

    public void Dispose()
    {
        _insertMessage?.Dispose();
        _insertObservation?.Dispose();
        _updateDevice?.Dispose();
        _connection?.Dispose();
        _insertMessage = _insertObservation = _updateDevice = null;
        _connection = null;
        GC.SuppressFinalize(this);
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection!.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Bind(SqliteCommand command, SqliteTransaction transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }
}
