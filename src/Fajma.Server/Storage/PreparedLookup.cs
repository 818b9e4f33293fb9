using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Fajma.Server.Storage;

/// <summary>
/// An existence check asked on every device message: one indexed point read through a few open connections, the statement
/// prepared once on each. EF would rebuild, look up and materialize a query each time; this is a bound parameter and a step
/// (on SQLite through its own API, <see cref="SqliteStatement"/>: no command, reader or parameter lookup per check).
/// </summary>
/// <param name="sql">A query whose parameters are <c>@p0</c>, <c>@p1</c>… (strings), answering a row when the thing exists.</param>
public sealed class PreparedLookup(StorageOptions options, string sql, int parameterCount) : IAsyncDisposable
{
    private const int KeptOpen = 4;
    private readonly ConcurrentBag<Lookup> _idle = [];

    public async Task<bool> ExistsAsync(string[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != parameterCount) throw new ArgumentException($"{parameterCount} values expected", nameof(values));
        var lookup = _idle.TryTake(out var idle) ? idle : await OpenAsync(cancellationToken);
        var healthy = false;
        try
        {
            var found = await lookup.ExistsAsync(values, cancellationToken);
            healthy = true;
            return found;
        }
        finally
        {
            // A connection that failed mid-read is not trusted again; the pool keeps a few, the rest close.
            if (healthy && _idle.Count < KeptOpen) _idle.Add(lookup);
            else await lookup.DisposeAsync();
        }
    }

    private async Task<Lookup> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = options.Provider == StorageProvider.Sqlite
            ? new SqliteConnection(options.ResolveConnectionString())
            : new Npgsql.NpgsqlConnection(options.ResolveConnectionString());
        try
        {
            await connection.OpenStoreConnectionAsync(cancellationToken);
            if (connection is SqliteConnection sqlite) return new SqliteLookup(sqlite, new SqliteStatement(sqlite, sql), parameterCount);
            var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameterCount; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = ParameterName(i);
                parameter.DbType = System.Data.DbType.String;
                parameter.Value = "";
                command.Parameters.Add(parameter);
            }
            await command.PrepareAsync(cancellationToken);
            return new CommandLookup(connection, command);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string ParameterName(int i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p{i}");

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var lookup)) await lookup.DisposeAsync();
    }

    private abstract class Lookup : IAsyncDisposable
    {
        public abstract ValueTask<bool> ExistsAsync(string[] values, CancellationToken cancellationToken);

        public abstract ValueTask DisposeAsync();
    }

    private sealed class SqliteLookup : Lookup
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _statement;
        private readonly int[] _positions;

        public SqliteLookup(SqliteConnection connection, SqliteStatement statement, int parameterCount)
        {
            (_connection, _statement) = (connection, statement);
            _positions = [.. Enumerable.Range(0, parameterCount).Select(i => statement.IndexOf("@" + ParameterName(i)))];
        }

        public override ValueTask<bool> ExistsAsync(string[] values, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < values.Length; i++) _statement.Bind(_positions[i], values[i]);
            return ValueTask.FromResult(_statement.FindsRow());
        }

        public override async ValueTask DisposeAsync()
        {
            _statement.Dispose(); // before its connection closes
            await _connection.DisposeAsync();
        }
    }

    private sealed class CommandLookup(DbConnection connection, DbCommand command) : Lookup
    {
        public override async ValueTask<bool> ExistsAsync(string[] values, CancellationToken cancellationToken)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }

        public override async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
