using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StackExchange.Redis;

namespace Fajma.Server.Platform.Cluster;

/// <summary>
/// Tells every node of the cluster what one node saw: a reading to push to screens, an alert's change, a revoked
/// session. Handlers run at once on the publishing node, then on the others through one Redis pub/sub channel, in
/// publish order. Delivery to other nodes is at most once (Redis pub/sub): the bus carries what is live or can be
/// rebuilt from the store, never the only copy of anything. Without Redis it is an in-process call.
/// </summary>
public sealed partial class ClusterBus(Microsoft.Extensions.Options.IOptions<RedisOptions> options, ILogger<ClusterBus> logger, IConnectionMultiplexer? redis = null)
    : IHostedService
{
    private readonly byte[] _origin = Guid.NewGuid().ToByteArray();
    private readonly ConcurrentDictionary<string, Action<ReadOnlyMemory<byte>>> _remote = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Delegate> _local = new(StringComparer.Ordinal);
    private ChannelMessageQueue? _queue;

    private RedisChannel Channel => RedisChannel.Literal($"{options.Value.Prefix}:bus");

    public bool IsClustered => redis is not null;

    /// <summary>One handler per topic, registered by the feature that owns the topic when it is built.</summary>
    public void Subscribe<T>(string topic, JsonTypeInfo<T> type, Action<T> handler)
    {
        if (!_local.TryAdd(topic, handler)) throw new InvalidOperationException($"topic {topic} already has a handler");
        _remote[topic] = payload => handler(JsonSerializer.Deserialize(payload.Span, type)!);
    }

    /// <summary>Runs the topic's handler here now, and on every other node as soon as Redis carries it there.</summary>
    public void Publish<T>(string topic, T message, JsonTypeInfo<T> type)
    {
        if (_local.TryGetValue(topic, out var handler)) ((Action<T>)handler)(message);
        if (redis is null) return;
        var envelope = Envelope(topic, JsonSerializer.SerializeToUtf8Bytes(message, type));
        try
        {
            redis.GetSubscriber().Publish(Channel, envelope, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            LogPublishFailed(e, topic); // live only: the other nodes' screens catch up on their next read
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null) return;
        // Subscribed once: StackExchange.Redis subscribes again by itself whenever the connection comes back.
        _queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        _queue.OnMessage(Receive);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_queue is not null) await _queue.UnsubscribeAsync();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogPublishFailed(e, "unsubscribe"); // stopping anyway: Redis drops the subscription with the connection
        }
    }

    private byte[] Envelope(string topic, byte[] payload)
    {
        var name = Encoding.UTF8.GetBytes(topic);
        var envelope = new byte[16 + 1 + name.Length + payload.Length];
        _origin.CopyTo(envelope, 0);
        envelope[16] = checked((byte)name.Length);
        name.CopyTo(envelope, 17);
        payload.CopyTo(envelope, 17 + name.Length);
        return envelope;
    }

    private void Receive(ChannelMessage message)
    {
        ReadOnlyMemory<byte> envelope = (byte[])message.Message!;
        if (envelope.Length < 17 || envelope.Span[..16].SequenceEqual(_origin)) return; // ours: handled when published
        var length = envelope.Span[16];
        var topic = Encoding.UTF8.GetString(envelope.Span.Slice(17, length));
        if (!_remote.TryGetValue(topic, out var handler)) return;
        try
        {
            handler(envelope[(17 + length)..]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHandlerFailed(e, topic); // one bad message must not end this node's subscription
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Topic} to the other nodes failed; Redis unreachable")]
    private partial void LogPublishFailed(Exception e, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Topic} from another node failed")]
    private partial void LogHandlerFailed(Exception e, string topic);
}
