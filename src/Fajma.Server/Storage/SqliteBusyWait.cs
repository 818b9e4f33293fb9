using System.Data.Common;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fajma.Server.Storage;

/// <summary>
/// How a SQLite connection waits for the write lock another connection holds. SQLite's own wait (<c>busy_timeout</c>) sleeps
/// 1, 2, 5, 10, 15, 20, 25… ms between tries, so a writer that meets the group commit (which holds the lock for a couple of
/// milliseconds, hundreds of times a second) oversleeps it by up to tens of milliseconds, and the group commit meeting an
/// alert's write sleeps the same while every reading waits behind it: the screens' and alerts' latency tails
/// (docs/performance.md, issue 15, twenty-seventh session). This wait yields a few times, then tries every millisecond,
/// up to <see cref="Timeout"/>; then SQLite answers busy as it would.
/// </summary>
internal static class SqliteBusyWait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private const int Yields = 4;

    // Kept for the process's life: SQLite calls it through the pointer marshalled from it.
    private static readonly BusyCallback s_wait = Wait;

    private delegate int BusyCallback(IntPtr state, int count);

    // SQLitePCLRaw 2.1 exposes busy_timeout only; the same native library it loaded (the app's e_sqlite3) has the handler.
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler")]
    private static extern int SetBusyHandler(IntPtr db, BusyCallback callback, IntPtr state);

    [ThreadStatic]
    private static long t_waitingSince;

    private static long s_waits;

    /// <summary>How many times, since the process started, its connections waited to try again for a lock another one held.</summary>
    public static long Waits => Interlocked.Read(ref s_waits);

    /// <summary>Replaces the connection's busy wait (and any <c>busy_timeout</c> set before) with this one.</summary>
    public static void Install(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = SetBusyHandler(handle.DangerousGetHandle(), s_wait, IntPtr.Zero);
        if (rc != 0) throw new SqliteException($"sqlite3_busy_handler failed ({rc})", rc);
    }

    /// <summary>Opens a connection of the store; a SQLite one waits for locks this way.</summary>
    public static async Task OpenStoreConnectionAsync(this DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.OpenAsync(cancellationToken);
        if (connection is SqliteConnection sqlite) Install(sqlite);
    }

    /// <param name="count">How many times SQLite already called this for the same lock (0 the first time).</param>
    /// <returns>Nonzero to try again, zero to give up (SQLITE_BUSY).</returns>
    private static int Wait(IntPtr state, int count)
    {
        Interlocked.Increment(ref s_waits);
        if (count == 0) t_waitingSince = Stopwatch.GetTimestamp();
        else if (Stopwatch.GetElapsedTime(t_waitingSince) >= Timeout) return 0;
        if (count < Yields) Thread.Yield();
        else Thread.Sleep(1);
        return 1;
    }

    /// <summary>For the connections EF opens: each gets this wait as it opens.</summary>
    internal sealed class Interceptor : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (connection is SqliteConnection sqlite) Install(sqlite);
        }

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }
    }
}
