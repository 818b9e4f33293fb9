namespace Fajma.Cli.Bench;

/// <summary>The server's own counters a bench reads at both ends of its measured span, from its <c>/metrics</c>.</summary>
/// <param name="JitSeconds">Time the runtime has spent compiling code since the server started.</param>
internal sealed record ServerCounters(double Commits, double Writes, double JitSeconds)
{
    public static async Task<ServerCounters> ReadAsync(HttpClient http, Uri server, CancellationToken cancellationToken) => new(
        await ServerMetrics.ReadAsync(http, server, "fajma_writer_commits_total", cancellationToken),
        await ServerMetrics.ReadAsync(http, server, "fajma_writer_writes_total", cancellationToken),
        await ServerMetrics.ReadAsync(http, server, "dotnet_jit_compilation_time_seconds_total", cancellationToken));
}
