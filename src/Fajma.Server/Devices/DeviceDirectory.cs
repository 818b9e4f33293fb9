using System.Collections.Concurrent;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Devices;

/// <summary>
/// Resolves a device identifier to the registered device, in one place for every transport.
/// Known devices are cached (ingestion asks for every message); an unknown identifier is
/// remembered briefly so a flood of messages from an unregistered device does not hammer the store. A change to a
/// device (revoked, reassigned, its secret or certificate rotated) clears it from every node's cache (<see cref="ClusterBus"/>);
/// an entry is read again after <see cref="s_knownFor"/> anyway, so a change a node missed (Redis away) holds no longer.
/// </summary>
public sealed class DeviceDirectory
{
    private const string ChangedTopic = "devices.changed";
    private static readonly TimeSpan s_unknownFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_knownFor = TimeSpan.FromMinutes(1);
    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly DeviceSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly ClusterBus _bus;
    private readonly ConcurrentDictionary<string, (KnownDevice Device, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownUntil = new(StringComparer.Ordinal);

    public DeviceDirectory(IDbContextFactory<FajmaDbContext> store, DeviceSecrets secrets, TimeProvider time, ClusterBus bus)
    {
        (_store, _secrets, _time, _bus) = (store, secrets, time, bus);
        bus.Subscribe(ChangedTopic, PlatformJsonContext.Default.String, Drop);
    }

    public async ValueTask<KnownDevice?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(deviceId, out var known) && known.Until > _time.GetUtcNow()) return known.Device;
        if (_unknownUntil.TryGetValue(deviceId, out var until) && until > _time.GetUtcNow()) return null;

        await using var db = _store.CreateDbContext();
        var row = await db.Devices.AsNoTracking()
            .Where(d => d.Id == deviceId && d.RevokedAt == null)
            .Select(d => new { d.Id, d.Type, d.PatientId, d.SecretProtected, d.CertificateThumbprint })
            .SingleOrDefaultAsync(cancellationToken);
        var device = row is null ? null
            : new KnownDevice(row.Id, row.Type, row.PatientId, row.SecretProtected is null ? null : _secrets.Unprotect(row.SecretProtected), row.CertificateThumbprint);
        if (device is null)
        {
            if (_unknownUntil.Count > 10_000) _unknownUntil.Clear();
            _unknownUntil[deviceId] = _time.GetUtcNow() + s_unknownFor;
            return null;
        }
        _known[deviceId] = (device, _time.GetUtcNow() + s_knownFor);
        return device;
    }

    /// <summary>Call after revoking a device: it is refused from the next message on.</summary>
    public void Forget(string deviceId) => _bus.Publish(ChangedTopic, deviceId, PlatformJsonContext.Default.String);

    /// <summary>Call after registering or reassigning a device so ingestion sees it at once (the other nodes read it again).</summary>
    public void Update(KnownDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _bus.Publish(ChangedTopic, device.Id, PlatformJsonContext.Default.String);
        _known[device.Id] = (device, _time.GetUtcNow() + s_knownFor);
    }

    private void Drop(string deviceId)
    {
        _known.TryRemove(deviceId, out _);
        _unknownUntil.TryRemove(deviceId, out _);
    }
}
