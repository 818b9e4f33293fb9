using Fajma.Server.Platform;
using System.Globalization;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway Redis on 127.0.0.1 per test, started by <c>scripts/redis.sh</c> (Debian's redis-server, which scripts/setup.sh
/// installs). It can be stopped and started again on its port, to cut the cluster's Redis for real. Missing redis-server
/// fails the tests with the script's message; they never skip.
/// </summary>
public sealed class TestRedis : IAsyncDisposable
{
    private readonly string _directory;

    private TestRedis(string directory, int port) => (_directory, Port) = (directory, port);

    public int Port { get; }

    /// <summary>The value of <c>Redis:Configuration</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("fajma-redis-").FullName;
        return await LoopbackPorts.StartOnFreeAsync(async port =>
        {
            var redis = new TestRedis(directory, port);
            await redis.StartAgainAsync();
            return redis;
        });
    }

    public Task StopAsync() => RunAsync("stop", _directory);

    public Task StartAgainAsync() => RunAsync("start", _directory, Port.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp: harmless.
        }
    }

    private static Task<string> RunAsync(params string[] args) => RepositoryScript.RunAsync("redis.sh", "the cluster tests need Debian's redis-server", args);
}
