using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;

namespace Fajma.Server.Followers;

/// <summary>
/// A follow revoked or narrowed takes effect at once: the follower's open hub connections close on every node (their
/// HTTP reads already ask the store each time), and a resubscription is checked against what the patient now shares.
/// </summary>
public sealed class FollowerCut
{
    private const string Topic = "followers.cut";
    private readonly ClusterBus _bus;

    public FollowerCut(SessionConnections connections, ClusterBus bus)
    {
        _bus = bus;
        bus.Subscribe(Topic, PlatformJsonContext.Default.Int32, id => connections.CloseUser(id));
    }

    public void Cut(int followerUserId) => _bus.Publish(Topic, followerUserId, PlatformJsonContext.Default.Int32);
}
