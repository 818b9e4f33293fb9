namespace Fajma.Cli.Bench;

/// <summary>The server's own counters a bench reads at both ends of its measured span, from its <c>/metrics</c>.</summary>
/// <param name="JitSeconds">Time the runtime has spent compiling code since the server started.</param>
internal sealed record ServerCounters(double Commits, double Writes, double JitSeconds)
{
    /// <summary>All three from one reading of <c>/metrics</c>, so they describe the same instant.</summary>
    public static async Task<ServerCounters> ReadAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        var metrics = await ServerMetrics.FetchAsync(http, server, cancellationToken);
        return new(metrics.Sum("fajma_writer_commits_total"), metrics.Sum("fajma_writer_writes_total"), metrics.Sum("dotnet_jit_compilation_time_seconds_total"));
    }
}
