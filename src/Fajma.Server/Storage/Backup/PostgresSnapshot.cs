using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Fajma.Server.Storage.Backup;

/// <summary>
/// PostgreSQL: <c>pg_dump</c> in its custom format (one consistent snapshot of the database) and <c>pg_restore</c> in a single
/// transaction (all or nothing), both the highest version Debian installed under /usr/lib/postgresql, as scripts/postgres.sh
/// finds them, else the ones on the PATH. The connection goes to them in PG* environment variables, never on the command line.
/// </summary>
internal sealed class PostgresSnapshot(string connectionString) : IStoreSnapshot
{
    private readonly NpgsqlConnectionStringBuilder _connection = new(connectionString);

    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var dump = Start("pg_dump", "--format=custom", "--no-owner", "--no-privileges");
        var errors = dump.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await dump.StandardOutput.BaseStream.CopyToAsync(destination, cancellationToken);
            await dump.WaitForExitAsync(cancellationToken);
        }
        catch
        {
            Stop(dump);
            throw;
        }
        if (dump.ExitCode != 0) throw new BackupException($"pg_dump failed ({dump.ExitCode}): {(await errors).Trim()}");
    }

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", cancellationToken) == 0;

    public Task ClearAsync(CancellationToken cancellationToken) => ScalarAsync("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; SELECT 0", cancellationToken);

    public async Task RestoreFromAsync(Stream source, CancellationToken cancellationToken)
    {
        using var restore = Start("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={_connection.Database}");
        var errors = restore.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await source.CopyToAsync(restore.StandardInput.BaseStream, cancellationToken);
            restore.StandardInput.Close();
            await restore.WaitForExitAsync(cancellationToken);
        }
        catch
        {
            // Killed before its input ended, pg_restore never commits its single transaction: nothing is written.
            Stop(restore);
            throw;
        }
        if (restore.ExitCode != 0) throw new BackupException($"pg_restore failed ({restore.ExitCode}), nothing was restored: {(await errors).Trim()}");
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private Process Start(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Tool(tool))
        {
            RedirectStandardInput = tool == "pg_restore", RedirectStandardOutput = tool == "pg_dump", RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PGHOST"] = _connection.Host;
        start.Environment["PGPORT"] = _connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = _connection.Username;
        start.Environment["PGPASSWORD"] = _connection.Password;
        start.Environment["PGDATABASE"] = _connection.Database;
        start.Environment["PGSSLMODE"] = _connection.SslMode.ToString().ToLowerInvariant() switch { "require" => "require", "verifyca" => "verify-ca", "verifyfull" => "verify-full", "disable" => "disable", _ => "prefer" };
        try
        {
            return Process.Start(start) ?? throw new BackupException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client)", e);
        }
    }

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin/tool</c>, else the name alone (found on the PATH).</summary>
    private static string Tool(string tool) =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
        .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Path: Path.Combine(d, "bin", tool)))
        .Where(t => File.Exists(t.Path)).OrderByDescending(t => t.Version).Select(t => t.Path).FirstOrDefault() ?? tool;

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
