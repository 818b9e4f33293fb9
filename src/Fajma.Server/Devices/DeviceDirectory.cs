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
/// an entry is read again after <see cref="KnownFor"/> anyway, so a change a node missed (Redis away) holds no longer.
/// Entries are read again together (<see cref="RefreshAsync"/>, every <see cref="RefreshEvery"/>) before they run out: read one
/// by one as each ran out, a fleet of 9,000 devices cost 150 store queries a second, each a context and a connection's
/// setup (docs/performance.md, issue 15, nineteenth session); one that runs out all the same (the store away) is read alone.
/// </summary>
public sealed class DeviceDirectory
{
    private const string ChangedTopic = "devices.changed";
    private static readonly TimeSpan s_unknownFor = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RefreshEvery = KnownFor / 4;
    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly DeviceSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly ClusterBus _bus;
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownUntil = new(StringComparer.Ordinal);

    public DeviceDirectory(IDbContextFactory<FajmaDbContext> store, DeviceSecrets secrets, TimeProvider time, ClusterBus bus)
    {
        (_store, _secrets, _time, _bus) = (store, secrets, time, bus);
        bus.Subscribe(ChangedTopic, PlatformJsonContext.Default.String, Drop);
    }

    public async ValueTask<KnownDevice?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(deviceId, out var known) && known.IsValidAt(_time.GetUtcNow())) return known.Device;
        if (_unknownUntil.TryGetValue(deviceId, out var until) && until > _time.GetUtcNow()) return null;

        await using var db = _store.CreateDbContext();
        var row = await Rows(db, d => d.Id == deviceId).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            if (_unknownUntil.Count > 10_000) _unknownUntil.Clear();
            _unknownUntil[deviceId] = _time.GetUtcNow() + s_unknownFor;
            return null;
        }
        var fresh = Fresh(row, known);
        if (!ReferenceEquals(fresh, known)) _known[deviceId] = fresh;
        return fresh.Device;
    }

    /// <summary>
    /// Reads again, in one query, every cached device past half its time: each is renewed (or replaced if it changed),
    /// and one revoked or deleted meanwhile is forgotten, refused from its next message on.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var due = _time.GetUtcNow() + KnownFor / 2;
        // Taken before the read: an entry dropped meanwhile (a change on another node) is not put back from a read that
        // may predate the change; only the entries still held are renewed or replaced.
        var entries = _known.Where(k => !k.Value.IsValidAt(due)).ToList();
        if (entries.Count == 0) return;
        var ids = entries.Select(e => e.Key).ToList();
        await using var db = _store.CreateDbContext();
        var rows = await Rows(db, d => ids.Contains(d.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var entry in entries)
        {
            if (!rows.TryGetValue(entry.Key, out var row)) _known.TryRemove(entry); // revoked or deleted
            else if (Fresh(row, entry.Value) is var fresh && !ReferenceEquals(fresh, entry.Value)) _known.TryUpdate(entry.Key, fresh, entry.Value);
        }
    }

    /// <summary>Call after revoking a device: it is refused from the next message on.</summary>
    public void Forget(string deviceId) => _bus.Publish(ChangedTopic, deviceId, PlatformJsonContext.Default.String);

    /// <summary>Call after registering or reassigning a device so ingestion sees it at once (the other nodes read it again).</summary>
    public void Update(KnownDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _bus.Publish(ChangedTopic, device.Id, PlatformJsonContext.Default.String);
        _known[device.Id] = new Known(device, null, fromStore: false, _time.GetUtcNow() + KnownFor);
    }

    private void Drop(string deviceId)
    {
        _known.TryRemove(deviceId, out _);
        _unknownUntil.TryRemove(deviceId, out _);
    }

    private static IQueryable<Row> Rows(FajmaDbContext db, System.Linq.Expressions.Expression<Func<Device, bool>> which) =>
        db.Devices.AsNoTracking().Where(which).Where(d => d.RevokedAt == null)
            .Select(d => new Row(d.Id, d.Type, d.PatientId, d.SecretProtected, d.CertificateThumbprint));

    /// <summary>The entry for a row just read: the one held, renewed, if nothing changed; else a new one.</summary>
    private Known Fresh(Row row, Known? held)
    {
        var until = _time.GetUtcNow() + KnownFor;
        if (held is not null && held.Matches(row))
        {
            held.Renew(until);
            return held;
        }
        return new Known(new KnownDevice(row.Id, row.Type, row.PatientId, row.SecretProtected is null ? null : _secrets.Unprotect(row.SecretProtected),
            row.CertificateThumbprint), row.SecretProtected, fromStore: true, until);
    }

    private sealed record Row(string Id, string Type, int? PatientId, string? SecretProtected, string? CertificateThumbprint);

    /// <summary>
    /// A cached device, renewed in place while nothing changed: no new objects per device per refresh (a long-lived cache's
    /// churn is copied up by the collector), and no secret unprotected again.
    /// </summary>
    private sealed class Known(KnownDevice device, string? secretProtected, bool fromStore, DateTimeOffset until)
    {
        private long _until = until.UtcTicks;

        public KnownDevice Device => device;

        public bool IsValidAt(DateTimeOffset at) => at.UtcTicks < Volatile.Read(ref _until);

        public void Renew(DateTimeOffset until) => Volatile.Write(ref _until, until.UtcTicks);

        /// <summary>What was read is what is held (the secret compared as stored, still protected).</summary>
        public bool Matches(Row row) => fromStore && row.SecretProtected == secretProtected && row.Type == device.Type
            && row.PatientId == device.PatientId && row.CertificateThumbprint == device.CertificateThumbprint;
    }
}
