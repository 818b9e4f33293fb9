using Fajma.Server.Ingestion.Mqtt;
using Microsoft.AspNetCore.Builder;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// Two nodes of one cluster in this process (<see cref="FajmaHost"/>: a test reaches into a node's services or clock),
/// over fresh engines (<see cref="ClusterEngines"/>). One per test class; disposing it stops both nodes, then the engines.
/// </summary>
internal sealed class TwoHostCluster : IAsyncDisposable
{
    private TwoHostCluster(ClusterEngines engines) => Engines = engines;

    public ClusterEngines Engines { get; }

    public FajmaHost NodeA { get; private set; } = null!;

    public FajmaHost NodeB { get; private set; } = null!;

    /// <param name="settings">A node's own <c>--Section:Key=value</c> settings, by its name ("a", "b").</param>
    /// <param name="configure">Applied to both nodes' builders (one fake clock, for one).</param>
    public static async Task<TwoHostCluster> StartAsync(Func<string, string[]> settings, bool externalBroker = false, Action<WebApplicationBuilder>? configure = null)
    {
        var cluster = new TwoHostCluster(await ClusterEngines.StartAsync(externalBroker));
        try
        {
            cluster.NodeA = await cluster.StartNodeAsync("a", settings("a"), configure); // migrates the store first
            cluster.NodeB = await cluster.StartNodeAsync("b", settings("b"), configure);
            // Tests publish through the broker at once: both nodes must hold their shared subscription first.
            if (externalBroker)
                foreach (var node in (FajmaHost[])[cluster.NodeA, cluster.NodeB])
                    await Wait.UntilAsync(() => Task.FromResult(node.App.Services.GetRequiredService<ExternalMqttIngestion>().IsReady), "each node subscribed at the broker");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private Task<FajmaHost> StartNodeAsync(string name, string[] settings, Action<WebApplicationBuilder>? configure) =>
        FajmaHost.StartAsync(Engines.Database!, configure,
            Engines.NodeSettings($"cluster-{name}-{Guid.NewGuid():N}", [$"--Storage:DataDirectory={Engines.DataDirectory}", .. settings]));

    public async ValueTask DisposeAsync()
    {
        // Both keep the database: the engines drop it once no node uses it.
        if (NodeB is not null) await NodeB.StopKeepingDataAsync();
        if (NodeA is not null) await NodeA.StopKeepingDataAsync();
        await Engines.DisposeAsync();
    }
}
