using System.Collections.Concurrent;
using Fajma.Core.Alerts;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts.Profiles;

/// <summary>
/// Patients' alarm profiles and snoozes, cached for the alert path and the no-data sweep. An edit on any node is told
/// to every node (<see cref="ClusterBus"/>): each drops its copy and moves the patient's version on, and the alert engine
/// reloads a watch whose version is behind at its next reading — so a limit set on node A holds on node B at once, not
/// at B's next periodic reload. Threshold edits go the same way (<see cref="AlertEngine.Reload"/>).
/// </summary>
public sealed class AlarmProfiles
{
    private const string Topic = "alerts.profile";
    private readonly ConcurrentDictionary<int, long> _versions = new();
    private readonly ConcurrentDictionary<int, Lazy<Task<AlarmSettings>>> _cache = new();
    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly ClusterBus _bus;
    private readonly TimeProvider _time;

    public AlarmProfiles(IDbContextFactory<FajmaDbContext> store, ClusterBus bus, TimeProvider time)
    {
        (_store, _bus, _time) = (store, bus, time);
        bus.Subscribe(Topic, AlertsJsonContext.Default.Int32, Invalidate);
    }

    public long Version(int patientId) => _versions.GetValueOrDefault(patientId);

    /// <summary>The patient's profile, thresholds or snoozes changed (committed): every node reloads them.</summary>
    public void Changed(int patientId) => _bus.Publish(Topic, patientId, AlertsJsonContext.Default.Int32);

    public Task<AlarmSettings> GetAsync(int patientId, CancellationToken cancellationToken)
    {
        var version = Version(patientId);
        var lazy = _cache.GetOrAdd(patientId, id => new Lazy<Task<AlarmSettings>>(() => LoadAsync(id, version)));
        if (lazy.Value.IsFaulted) _cache.TryRemove(new KeyValuePair<int, Lazy<Task<AlarmSettings>>>(patientId, lazy));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Many patients' settings at once (<see cref="WatchLoader"/>): those cached as they are, the others in two queries,
    /// cached unless an edit came in while they were read.
    /// </summary>
    internal async Task<IReadOnlyDictionary<int, AlarmSettings>> GetManyAsync(IReadOnlyCollection<int> patientIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<int, AlarmSettings>();
        var versions = new Dictionary<int, long>();
        foreach (var id in patientIds)
        {
            // A copy older than the last edit (cached while the edit came in) is read again, never served.
            if (_cache.TryGetValue(id, out var cached) && cached.IsValueCreated && cached.Value.IsCompletedSuccessfully && cached.Value.Result.Version == Version(id))
                found[id] = cached.Value.Result;
            else versions[id] = Version(id);
        }
        if (versions.Count == 0) return found;
        foreach (var (id, settings) in await ReadAsync(versions, cancellationToken))
        {
            if (Version(id) == settings.Version) _cache[id] = new Lazy<Task<AlarmSettings>>(Task.FromResult(settings));
            found[id] = settings;
        }
        return found;
    }

    private void Invalidate(int patientId)
    {
        _versions.AddOrUpdate(patientId, 1, (_, v) => v + 1);
        _cache.TryRemove(patientId, out _);
    }

    private async Task<AlarmSettings> LoadAsync(int patientId, long version) =>
        (await ReadAsync(new Dictionary<int, long> { [patientId] = version }, CancellationToken.None))[patientId];

    /// <summary>These patients' profiles and live snoozes from the store, two queries whatever their number, each tagged with its version.</summary>
    private async Task<Dictionary<int, AlarmSettings>> ReadAsync(IReadOnlyDictionary<int, long> versions, CancellationToken cancellationToken)
    {
        var ids = versions.Keys.ToList();
        await using var db = _store.CreateDbContext();
        var rows = await db.AlarmProfiles.AsNoTracking().Where(p => ids.Contains(p.PatientId)).ToDictionaryAsync(p => p.PatientId, cancellationToken);
        var now = _time.GetUtcNow();
        var snoozes = (await db.AlarmSnoozes.AsNoTracking().Where(s => ids.Contains(s.PatientId) && s.Until > now)
            .Select(s => new { s.PatientId, Snooze = new AlarmSnooze(s.Rule, s.Until) }).ToListAsync(cancellationToken)).ToLookup(s => s.PatientId, s => s.Snooze);
        return versions.ToDictionary(v => v.Key, v => new AlarmSettings(
            rows.TryGetValue(v.Key, out var row) ? AlarmProfileMapping.ToProfile(row) : AlarmProfile.Default, [.. snoozes[v.Key]], v.Value));
    }
}
