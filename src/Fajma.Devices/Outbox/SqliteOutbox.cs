using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fajma.Devices.Outbox;

/// <summary>
/// A device's durable store-and-forward queue: a SQLite file (WAL, <c>synchronous=FULL</c>) where each signed message is
/// committed before it is sent and deleted only once the server acknowledged it, so a crash or a <c>kill -9</c> loses
/// nothing that <see cref="Enqueue"/> returned from. A message sent but not yet deleted when the process died is sent
/// again on restart; the server answers it as a duplicate (it deduplicates by message id).
/// </summary>
/// <remarks>
/// <para><b>When full</b> (<see cref="Capacity"/> messages queued), enqueueing drops the <b>oldest</b> message and counts
/// it in <see cref="Dropped"/> (kept in the file, so it survives restarts): for live monitoring the newest readings
/// matter most, and a device must never stop measuring because its uplink is down.</para>
/// <para>A message the server refused for its content is <b>parked</b> (<see cref="Park"/>): kept in the file with the
/// reason, never sent again, so it cannot block the queue behind it. Parked messages count towards the capacity.</para>
/// <para>One process owns a store file at a time (the device); the queue length is kept in memory from the open.
/// Calls are serialised on one connection and block on the disk flush, which is the point.</para>
/// </remarks>
public sealed class SqliteOutbox : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private TaskCompletionSource _arrived = NewSignal();
    private long _rows; // every row, parked ones included: the capacity counts both
    private long _parked;
    private long _dropped;

    private SqliteOutbox(SqliteConnection connection, int capacity, TimeProvider time)
    {
        _connection = connection;
        Capacity = capacity;
        _time = time;
    }

    public int Capacity { get; }

    /// <summary>Messages waiting for an acknowledgement (parked ones excluded).</summary>
    public long Count { get { lock (_gate) return _rows - _parked; } }

    /// <summary>Messages the server refused for their content, kept for inspection and never resent.</summary>
    public long Parked { get { lock (_gate) return _parked; } }

    /// <summary>Messages dropped unsent because the outbox was full, over the file's whole life.</summary>
    public long Dropped { get { lock (_gate) return _dropped; } }

    /// <summary>
    /// Messages ever enqueued in this file (the last sequence handed out; AUTOINCREMENT never reuses one): with
    /// <see cref="Count"/>, <see cref="Parked"/> and <see cref="Dropped"/>, what a device made can be accounted for.
    /// </summary>
    public long EverEnqueued
    {
        get
        {
            lock (_gate) return Scalar(_connection, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0);");
        }
    }

    /// <summary>Opens (or creates) the store at <paramref name="path"/>; what a previous process left is still queued.</summary>
    public static SqliteOutbox Open(string path, int capacity = 100_000, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // Pooling off: a pooled connection would keep the file open (and locked on Windows) after Dispose.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        try
        {
            // WAL: a reader never blocks the writer; FULL: a commit is on disk (WAL fsynced) before it returns,
            // so an enqueue survives power loss too, not only a process crash.
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            Execute(connection, "PRAGMA busy_timeout=5000;");
            // AUTOINCREMENT: a sequence is never reused after deletes, so it stays the send order across restarts.
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_key TEXT NOT NULL,
                    body BLOB NOT NULL,
                    enqueued_at_ms INTEGER NOT NULL,
                    parked_reason TEXT NULL);
                CREATE TABLE IF NOT EXISTS outbox_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                """);
            var outbox = new SqliteOutbox(connection, capacity, time ?? TimeProvider.System);
            outbox._rows = Scalar(connection, "SELECT COUNT(*) FROM outbox;");
            outbox._parked = Scalar(connection, "SELECT COUNT(*) FROM outbox WHERE parked_reason IS NOT NULL;");
            outbox._dropped = Scalar(connection, "SELECT COALESCE((SELECT value FROM outbox_counters WHERE name = 'dropped'), 0);");
            return outbox;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Commits a message to disk and returns its sequence; when full, the oldest is dropped first (counted).</summary>
    public long Enqueue(string messageKey, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageKey);
        TaskCompletionSource arrived;
        long sequence;
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var excess = _rows + 1 - Capacity;
            if (excess > 0)
            {
                using var drop = Command("DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT $n) RETURNING parked_reason IS NOT NULL;", transaction);
                drop.Parameters.AddWithValue("$n", excess);
                var dropped = 0;
                using (var reader = drop.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        dropped++;
                        if (reader.GetBoolean(0)) _parked--;
                    }
                }
                using var counter = Command("INSERT INTO outbox_counters(name, value) VALUES('dropped', $n) ON CONFLICT(name) DO UPDATE SET value = value + $n;", transaction);
                counter.Parameters.AddWithValue("$n", dropped);
                counter.ExecuteNonQuery();
                _rows -= dropped;
                _dropped += dropped;
            }
            using var insert = Command("INSERT INTO outbox(message_key, body, enqueued_at_ms) VALUES($key, $body, $at) RETURNING seq;", transaction);
            insert.Parameters.AddWithValue("$key", messageKey);
            insert.Parameters.Add("$body", SqliteType.Blob).Value = body.ToArray();
            insert.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
            sequence = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            transaction.Commit();
            _rows++;
            arrived = _arrived;
            _arrived = NewSignal();
        }
        arrived.TrySetResult();
        return sequence;
    }

    /// <summary>Up to <paramref name="max"/> queued messages, oldest first; they stay queued until <see cref="Delete"/>.</summary>
    public IReadOnlyList<OutboxMessage> PeekOldest(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_gate)
        {
            using var select = Command("SELECT seq, message_key, body, enqueued_at_ms FROM outbox WHERE parked_reason IS NULL ORDER BY seq LIMIT $n;");
            select.Parameters.AddWithValue("$n", max);
            using var reader = select.ExecuteReader();
            var messages = new List<OutboxMessage>();
            while (reader.Read())
                messages.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            return messages;
        }
    }

    /// <summary>Removes an acknowledged message; call it only after the server's acknowledgement. Unknown sequences are ignored.</summary>
    public void Delete(long sequence)
    {
        lock (_gate)
        {
            using var delete = Command("DELETE FROM outbox WHERE seq = $seq AND parked_reason IS NULL;");
            delete.Parameters.AddWithValue("$seq", sequence);
            _rows -= delete.ExecuteNonQuery();
        }
    }

    /// <summary>Sets a refused message aside with the server's reason: it stays in the file but is no longer sent.</summary>
    public void Park(long sequence, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_gate)
        {
            using var park = Command("UPDATE outbox SET parked_reason = $reason WHERE seq = $seq AND parked_reason IS NULL;");
            park.Parameters.AddWithValue("$seq", sequence);
            park.Parameters.AddWithValue("$reason", reason);
            _parked += park.ExecuteNonQuery();
        }
    }

    /// <summary>Parked messages, oldest first, with the reason each was refused.</summary>
    public IReadOnlyList<(OutboxMessage Message, string Reason)> PeekParked(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_gate)
        {
            using var select = Command("SELECT seq, message_key, body, enqueued_at_ms, parked_reason FROM outbox WHERE parked_reason IS NOT NULL ORDER BY seq LIMIT $n;");
            select.Parameters.AddWithValue("$n", max);
            using var reader = select.ExecuteReader();
            var parked = new List<(OutboxMessage, string)>();
            while (reader.Read())
                parked.Add((new OutboxMessage(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))), reader.GetString(4)));
            return parked;
        }
    }

    /// <summary>Completes when at least one message is queued (at once if one already is).</summary>
    public Task WhenNotEmptyAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return _rows - _parked > 0 ? Task.CompletedTask : _arrived.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        lock (_gate) _connection.Dispose();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
