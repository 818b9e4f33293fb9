using Fajma.Server.Platform;
using Xunit.Abstractions;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// One node of a <see cref="TwoNodeCluster"/>, in a process of its own: the same node id, ports and settings across
/// restarts, so the broker keeps its session and clients find it where it was.
/// </summary>
internal sealed class ClusterNode(string name, string run, ClusterEngines engines, ITestOutputHelper output, string[] settings)
{
    private readonly string _nodeId = $"fajma-cluster-{name}-{run}";
    private readonly int _httpPort = LoopbackPorts.Free();
    private readonly int _mqttPort = LoopbackPorts.Free();
    private ServerProcess? _process;
    private bool _killed;

    public string Name { get; } = name.ToUpperInvariant();

    public Uri Url => new($"http://127.0.0.1:{_httpPort}");

    public ServerProcess Process => _process ?? throw new InvalidOperationException($"node {Name} is not running");

    /// <summary>Starts the node, or starts it again after a kill (on the same data, ports and node id).</summary>
    public async Task StartAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        _process = null;
        _killed = false;
        _process = await ServerProcess.StartAsync(engines.DataDirectory, _httpPort, _mqttPort, [.. engines.NodeSettings(_nodeId, settings), .. engines.StoreSettings]);
    }

    /// <summary>SIGKILL (<see cref="ServerProcess.KillAsync"/>): a crash, not an exit of the node's own.</summary>
    public Task KillAsync()
    {
        _killed = true;
        return Process.KillAsync();
    }

    /// <summary>Set when the node's process ended by itself (not killed by the test): its last lines.</summary>
    public string? Exited => _process is { HasExited: true } p && !_killed ? p.Output : null;

    /// <summary>Kills the node if it runs (after writing its last lines to the test output).</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        output.WriteLine($"node {Name} ({(_process.HasExited ? "had exited" : "running")}), last lines:\n{_process.Output}");
        await _process.DisposeAsync();
        _process = null;
    }
}
