namespace Fajma.Cli.Bench;

/// <summary>The server's own counters a bench reads at both ends of its measured span, from its <c>/metrics</c>.</summary>
/// <param name="JitSeconds">Time the runtime has spent compiling code since the server started.</param>
/// <param name="GcPauseSeconds">Time the runtime has held every managed thread still for its collections.</param>
/// <param name="Collections">Garbage collections since the server started, every generation.</param>
/// <param name="AllocatedBytes">Managed memory the server has allocated since it started.</param>
internal sealed record ServerCounters(double Commits, double Writes, double JitSeconds, double GcPauseSeconds, double Collections, double AllocatedBytes)
{
    public static readonly ServerCounters None = new(0, 0, 0, 0, 0, 0);

    /// <summary>All from one reading of <c>/metrics</c>, so they describe the same instant.</summary>
    public static async Task<ServerCounters> ReadAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        var metrics = await ServerMetrics.FetchAsync(http, server, cancellationToken);
        return new(metrics.Sum("fajma_writer_commits_total"), metrics.Sum("fajma_writer_writes_total"), metrics.Required("dotnet_jit_compilation_time_seconds_total"),
            metrics.Required("dotnet_gc_pause_time_seconds_total"), metrics.Required("dotnet_gc_collections_total"),
            metrics.Required("dotnet_gc_heap_total_allocated_bytes_total"));
    }
}
