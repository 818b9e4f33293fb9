using StackExchange.Redis;

namespace Fajma.Server.Platform.Cluster;

/// <summary>A copy a node keeps up to date through the <see cref="ClusterBus"/>, which it reloads from the store after missing messages.</summary>
public interface IResyncAfterOutage
{
    /// <summary>What is reloaded, for the log.</summary>
    string Name { get; }

    Task ResyncAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The bus is at most once: while Redis was away this node missed what the others told. When the multiplexer's
/// subscription connection comes back, every <see cref="IResyncAfterOutage"/> reloads its copy from the store (merged,
/// never set back), so a revocation or an acknowledgement made elsewhere meanwhile holds here too.
/// </summary>
public sealed partial class ClusterResync(IEnumerable<IResyncAfterOutage> copies, ILogger<ClusterResync> logger, IConnectionMultiplexer? redis = null) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _one = new(1, 1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is not null) redis.ConnectionRestored += OnRestored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis is not null) redis.ConnectionRestored -= OnRestored;
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    // The subscription connection carries the bus: its return is when messages may have been missed.
    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription) _ = Task.Run(ResyncAsync);
    }

    public async Task ResyncAsync()
    {
        await _one.WaitAsync(_stopping.Token);
        try
        {
            foreach (var copy in copies)
            {
                try
                {
                    await copy.ResyncAsync(_stopping.Token);
                    LogResynced(copy.Name);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    LogResyncFailed(e, copy.Name); // the store may be away too: the copy stays as it was, as before this existed
                }
            }
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _one.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: {Name} reloaded from the store")]
    private partial void LogResynced(string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis is back, but reloading {Name} from the store failed")]
    private partial void LogResyncFailed(Exception e, string name);
}
