using Fajma.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Fajma.Server.Tests;

/// <summary>The group commit's prepared statements bound through SQLite's own API: values stored exactly as given, errors as SQLite's.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, number INTEGER, bytes BLOB, UNIQUE (text))";
        create.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("fréquence cardiaque ♥ 😀")]
    [InlineData(null)]
    public void TextIsStoredExactlyAndNullStaysNull(string? text)
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, text) VALUES (?1, ?2)");
        insert.Bind(1, 1L);
        insert.Bind(2, text);
        Assert.Equal(1, insert.Execute());

        Assert.Equal(text is null ? DBNull.Value : text, Scalar("SELECT text FROM t WHERE id = 1"));
        Assert.Equal(text is null ? "null" : "text", Scalar("SELECT typeof(text) FROM t WHERE id = 1"));
    }

    [Fact]
    public void TextLongerThanTheStackBufferIsStoredWhole()
    {
        var text = string.Concat(Enumerable.Repeat("é😀x", 300)); // 2,100 bytes of UTF-8
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, text) VALUES (?1, ?2)");
        insert.Bind(1, 1L);
        insert.Bind(2, text);
        insert.Execute();

        Assert.Equal(text, Scalar("SELECT text FROM t"));
    }

    [Fact]
    public void BytesNumbersAndNullsAreStoredWithTheirTypes()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, number, bytes) VALUES (?1, ?2, ?3)");
        insert.Bind(1, 1L);
        insert.Bind(2, (long?)null);
        insert.Bind(3, new byte[] { 0, 1, 254, 255 });
        insert.Execute();
        insert.Bind(1, 2L);
        insert.Bind(2, (long?)long.MinValue);
        insert.Bind(3, ReadOnlySpan<byte>.Empty);
        insert.Execute();

        Assert.Equal("null blob", Scalar("SELECT typeof(number) || ' ' || typeof(bytes) FROM t WHERE id = 1"));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, Scalar("SELECT bytes FROM t WHERE id = 1"));
        Assert.Equal(long.MinValue, Scalar("SELECT number FROM t WHERE id = 2"));
        Assert.Equal(0L, Scalar("SELECT length(bytes) FROM t WHERE id = 2"));
    }

    [Fact]
    public void AConstraintBrokenIsSqlitesErrorAndTheStatementServesTheNextRow()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, text) VALUES (?1, ?2)");
        insert.Bind(1, 1L);
        insert.Bind(2, "same");
        insert.Execute();
        insert.Bind(1, 2L);

        var error = Assert.Throws<SqliteException>(() => insert.Execute());
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);

        insert.Bind(2, "other");
        Assert.Equal(1, insert.Execute());
        Assert.Equal(2L, Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public void AnInsertThatDoesNothingOnConflictChangesNoRow()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (id, text) VALUES (?1, ?2) ON CONFLICT (text) DO NOTHING");
        insert.Bind(1, 1L);
        insert.Bind(2, "key");
        Assert.Equal(1, insert.Execute());
        insert.Bind(1, 2L);

        Assert.Equal(0, insert.Execute());
    }

    [Fact]
    public void MoreThanOneStatementIsRefused() =>
        Assert.Throws<ArgumentException>(() => new SqliteStatement(_connection, "SELECT 1; SELECT 2"));

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => _connection.Dispose();
}
