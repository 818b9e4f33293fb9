using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Fajma.Server.Storage;

/// <summary>
/// A statement prepared once on an open SQLite connection and stepped through SQLite's own API: parameters bound by
/// position, text bound as UTF-8 from the stack, nothing allocated per execution. For the hottest writes only — the group
/// commit steps one per row, thousands a second, where Microsoft.Data.Sqlite's commands would look up each parameter by
/// name and copy each string twice. It runs inside whatever transaction the connection is in.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private const int StackTextBytes = 256;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        // PERSISTENT: SQLite keeps it for many executions; a schema change re-prepares it on its own at the next step.
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out var tail));
        if (string.IsNullOrWhiteSpace(tail)) return;
        _statement.Dispose();
        throw new ArgumentException("One statement only.", nameof(sql));
    }

    /// <summary>Parameters are numbered from 1, in the order they appear as <c>?</c> in the SQL.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }
        if (value.Length == 0)
        {
            Check(raw.sqlite3_bind_text(_statement, index, "")); // an empty span would be bound as a null pointer: NULL
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> utf8 = max <= StackTextBytes ? stackalloc byte[StackTextBytes] : new byte[max];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Check(raw.sqlite3_bind_text(_statement, index, utf8[..length])); // copied by SQLite (SQLITE_TRANSIENT)
    }

    public void Bind(int index, ReadOnlySpan<byte> blob) =>
        Check(blob.IsEmpty ? raw.sqlite3_bind_zeroblob(_statement, index, 0) : raw.sqlite3_bind_blob(_statement, index, blob));

    /// <summary>The position of a named parameter (<c>@name</c>, <c>$name</c>, <c>:name</c>) for <c>Bind</c>.</summary>
    public int IndexOf(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    /// <summary>Runs a query: whether it answers at least one row (only the first is stepped to).</summary>
    public bool FindsRow() => Step() == raw.SQLITE_ROW;

    /// <summary>Runs a statement that answers no rows (or whose rows are not wanted); the number of rows it changed.</summary>
    public int Execute()
    {
        Step();
        return raw.sqlite3_changes(_db);
    }

    private int Step()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) Check(rc);
            return rc;
        }
        finally
        {
            raw.sqlite3_reset(_statement); // ready for the next execution; its error, if any, is thrown with SQLite's message
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
