using System.Diagnostics;
using System.Net.Http.Headers;
using HdrHistogram;

namespace Fajma.Cli.Bench;

/// <summary>One kind of call measured by <see cref="CallProbe"/>: calls per second, latency, and CPU per call.</summary>
internal sealed record CallRow(string Setup, string Call, double PerSecond, double P50, double P99, double NodesCpuPercent, double CpuMsPerCall,
    double RedisCpuPercent, long Failed, double GeneratorCpuPercent);

/// <summary>
/// API requests and hub calls in a closed loop from a few concurrent clients, spread over the nodes as the balancer
/// would, with the fleet stopped: what a call costs when its rate limit, and a hub's group bookkeeping, go through Redis.
/// The nodes' limits are raised for the bench so that the limiter is consulted on every call but never refuses.
/// </summary>
internal static class CallProbe
{
    private const int Clients = 8;

    public static readonly string[] RaisedLimits =
    [
        "--RateLimits:UserRequestsPerSecond=1000000", "--RateLimits:HubInvocationsPerSecond=1000000", "--RateLimits:HubInvocationBurst=1000000",
        "--RateLimits:HubWatchListPerSecond=1000000", "--RateLimits:HubWatchListBurst=1000000",
    ];

    /// <summary>GET /api/v1/auth/me: token check, the user's rate limit, one read of the store.</summary>
    public static Func<int, CancellationToken, Task> Me(HttpClient http, IReadOnlyList<ServerProcess> nodes, string token) => async (i, ct) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(nodes[i % nodes.Count].Url, "/api/v1/auth/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    };

    public static async Task<CallRow> RunAsync(string setup, string call, IReadOnlyList<ServerProcess> nodes, BenchEngines engines,
        Func<int, CancellationToken, Task> invoke, TimeSpan duration, CancellationToken cancellationToken)
    {
        var histogram = new LongHistogram(60_000_000, 3);
        var gate = new Lock();
        long completed = 0, failed = 0;
        var nodesCpu = nodes.Aggregate(TimeSpan.Zero, (sum, n) => sum + n.CpuTime());
        var (_, redisCpu) = engines.CpuTime();
        var generatorCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var i = client; clock.Elapsed < duration; i += Clients)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await invoke(i, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or Microsoft.AspNetCore.SignalR.HubException)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }
                var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                Interlocked.Increment(ref completed);
                lock (gate) histogram.RecordValue(Math.Min(micros, histogram.HighestTrackableValue));
            }
        }, cancellationToken)));
        var seconds = clock.Elapsed.TotalSeconds;
        var nodesUsed = nodes.Aggregate(TimeSpan.Zero, (sum, n) => sum + n.CpuTime()) - nodesCpu;
        var redisUsed = engines.CpuTime().Redis - redisCpu;
        var generatorUsed = Process.GetCurrentProcess().TotalProcessorTime - generatorCpu;
        static double Ms(long micros) => micros / 1000.0;
        return new CallRow(setup, call, completed / seconds, Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(99)),
            nodesUsed.TotalSeconds / seconds * 100, completed == 0 ? 0 : nodesUsed.TotalMilliseconds / completed,
            redisUsed.TotalSeconds / seconds * 100, failed, generatorUsed.TotalSeconds / seconds * 100);
    }
}
