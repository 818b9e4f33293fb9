using Microsoft.Data.Sqlite;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>Another connection's write transaction on a node's SQLite store: its commits wait until the connection closes (rolled back).</summary>
internal static class HeldStore
{
    public static async Task<SqliteConnection> HoldAsync(string dataDirectory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "fajma.db")};Pooling=False");
        await connection.OpenAsync();
        await using var begin = new SqliteCommand("BEGIN IMMEDIATE", connection);
        await begin.ExecuteNonQueryAsync();
        return connection;
    }
}
