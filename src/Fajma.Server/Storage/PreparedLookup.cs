using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Fajma.Server.Storage;

/// <summary>
/// An existence check asked on every device message: one indexed point read through a few open connections, the statement
/// prepared once on each. EF would rebuild, look up and materialize a query each time; this is a bound parameter and a step.
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
            for (var i = 0; i < values.Length; i++) lookup.Command.Parameters[i].Value = values[i];
            var found = await lookup.Command.ExecuteScalarAsync(cancellationToken) is not null;
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
            await connection.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameterCount; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"p{i}";
                parameter.DbType = System.Data.DbType.String;
                parameter.Value = "";
                command.Parameters.Add(parameter);
            }
            await command.PrepareAsync(cancellationToken);
            return new Lookup(connection, command);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var lookup)) await lookup.DisposeAsync();
    }

    private sealed record Lookup(DbConnection Connection, DbCommand Command) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Command.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
