using Xunit.Abstractions;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// Two nodes of one cluster, each in a process of its own (<see cref="ClusterNode"/>), over fresh engines
/// (<see cref="ClusterEngines"/>): a test kills a node, or stops Redis, the broker or PostgreSQL under both. One per test
/// class; disposing it stops the nodes (writing their last lines to the test output), then the engines.
/// </summary>
internal sealed class TwoNodeCluster : IAsyncDisposable
{
    private TwoNodeCluster(ClusterEngines engines, ITestOutputHelper output, string[] settings)
    {
        Engines = engines;
        NodeA = new ClusterNode("a", Run, engines, output, settings);
        NodeB = new ClusterNode("b", Run, engines, output, settings);
    }

    public ClusterEngines Engines { get; }

    public ClusterNode NodeA { get; }

    public ClusterNode NodeB { get; }

    public IReadOnlyList<ClusterNode> Nodes => [NodeA, NodeB];

    /// <summary>This cluster's tag, in its node ids (a test may put it in the device ids it makes).</summary>
    public string Run { get; } = Guid.NewGuid().ToString("N")[..6];

    /// <param name="settings">Both nodes' own <c>--Section:Key=value</c> settings (a rate limit, a log level).</param>
    public static async Task<TwoNodeCluster> StartAsync(ITestOutputHelper output, bool externalBroker = false, bool ownPostgres = false, params string[] settings)
    {
        var cluster = new TwoNodeCluster(await ClusterEngines.StartAsync(externalBroker, ownPostgres), output, settings);
        try
        {
            await cluster.NodeA.StartAsync(); // migrates the store first
            await cluster.NodeB.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The nodes before the engines they use, so that none of them logs the engines going away.
        foreach (var node in Nodes) await node.StopAsync();
        await Engines.DisposeAsync();
    }
}
