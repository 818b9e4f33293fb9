using System.Net;
using System.Net.Sockets;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// Connections accepted but not yet signed in (no successful CONNACK), by remote address and in all: each holds a
/// socket and a few KiB until its CONNECT deadline, so their number is capped where anyone can open them. A signed-in
/// connection leaves the count (devices are bounded by provisioning, not here).
/// </summary>
internal sealed class MqttPendingConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _byAddress = [];
    private readonly int _perAddress;
    private readonly int _total;
    private int _pending;

    public MqttPendingConnections(int perAddress, int total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perAddress, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        (_perAddress, _total) = (perAddress, total);
    }

    /// <summary>A place for a new connection from <paramref name="remote"/>, or null and which cap it hit.</summary>
    public Lease? TryAdmit(IPAddress remote, out MqttFramingRefusal refusal, out int limit)
    {
        var key = KeyOf(remote);
        lock (_gate)
        {
            (refusal, limit) = (default, 0);
            if (_pending >= _total) (refusal, limit) = (MqttFramingRefusal.TooManyPending, _total);
            else if (_byAddress.GetValueOrDefault(key) >= _perAddress) (refusal, limit) = (MqttFramingRefusal.TooManyPendingFromAddress, _perAddress);
            if (limit > 0) return null;
            _byAddress[key] = _byAddress.GetValueOrDefault(key) + 1;
            _pending++;
        }
        return new Lease(this, key);
    }

    private void Release(IPAddress key)
    {
        lock (_gate)
        {
            _pending--;
            if (--_byAddress[key] == 0) _byAddress.Remove(key);
        }
    }

    /// <summary>
    /// An IPv6 sender is one /64 (one subscriber's network hands out any of 2^64 addresses); an IPv4 one, its
    /// address. Listeners are bound to one family each, so a mapped IPv4 address does not occur, but is unmapped.
    /// </summary>
    private static IPAddress KeyOf(IPAddress remote)
    {
        if (remote.IsIPv4MappedToIPv6) return remote.MapToIPv4();
        if (remote.AddressFamily != AddressFamily.InterNetworkV6) return remote;
        Span<byte> bytes = stackalloc byte[16];
        remote.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    /// <summary>One pending connection's place: given back once, when it signs in or closes, whichever comes first.</summary>
    public sealed class Lease(MqttPendingConnections owner, IPAddress key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(key);
        }
    }
}
