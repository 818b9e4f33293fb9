using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Commit;

/// <summary>
/// Whether a device's message key is already stored: one indexed point read on the receipt table's unique key,
/// through a few open connections with the statement prepared once, since ingestion asks it for every live reading.
/// </summary>
public sealed class StoredMessageKeys(IOptions<StorageOptions> options) : IAsyncDisposable
{
    private const int KeptOpen = 4;
    private const string Sql = "SELECT 1 FROM ingested_messages WHERE device_id = @d AND message_key = @k";
    private readonly ConcurrentBag<Lookup> _idle = [];

    public async Task<bool> ContainsAsync(string deviceId, string messageKey, CancellationToken cancellationToken)
    {
        var lookup = _idle.TryTake(out var idle) ? idle : await OpenAsync(cancellationToken);
        var healthy = false;
        try
        {
            lookup.Device.Value = deviceId;
            lookup.Key.Value = messageKey;
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
        var settings = options.Value;
        DbConnection connection = settings.Provider == StorageProvider.Sqlite
            ? new SqliteConnection(settings.ResolveConnectionString())
            : new Npgsql.NpgsqlConnection(settings.ResolveConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = Sql;
            var device = Parameter(command, "d");
            var key = Parameter(command, "k");
            await command.PrepareAsync(cancellationToken);
            return new Lookup(connection, command, device, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = System.Data.DbType.String;
        parameter.Value = "";
        command.Parameters.Add(parameter);
        return parameter;
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var lookup)) await lookup.DisposeAsync();
    }

    private sealed record Lookup(DbConnection Connection, DbCommand Command, DbParameter Device, DbParameter Key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Command.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
