using Fajma.Core.OnCall;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fajma.Server.OnCall;

/// <summary>
/// Who is on call for whom. Rotas are few and small, so all of them are held in memory: the alert path asks at raise
/// time and waits for the store only on the very first question. A change on any node drops every node's copy
/// (<see cref="ClusterBus"/>); a copy older than <see cref="RefreshEvery"/> is reloaded in the background meanwhile,
/// in case a node missed the bus (at-most-once).
/// </summary>
public sealed class OnCallRoster
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    private const string Topic = "oncall.changed";

    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly ClusterBus _bus;
    private readonly TimeProvider _time;
    private Task<(DateTimeOffset LoadedAt, IReadOnlyList<RotaEntry> Rotas)>? _snapshot;

    public OnCallRoster(IDbContextFactory<FajmaDbContext> store, ClusterBus bus, TimeProvider time)
    {
        (_store, _bus, _time) = (store, bus, time);
        bus.Subscribe(Topic, OnCallJsonContext.Default.Int32, _ => Volatile.Write(ref _snapshot, null));
    }

    /// <summary>A rota was created, edited or deleted: every node reads the rotas again.</summary>
    public void Changed(int rotaId) => _bus.Publish(Topic, rotaId, OnCallJsonContext.Default.Int32);

    public async Task<IReadOnlyList<RotaEntry>> RotasAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is null || current.IsFaulted)
        {
            var fresh = LoadAsync();
            current = Interlocked.CompareExchange(ref _snapshot, fresh, current) ?? fresh;
        }
        else if (current.IsCompletedSuccessfully && _time.GetUtcNow() - current.Result.LoadedAt > RefreshEvery)
        {
            _ = Interlocked.CompareExchange(ref _snapshot, LoadAsync(), current); // the copy in hand answers meanwhile
        }
        return (await current.WaitAsync(cancellationToken)).Rotas;
    }

    /// <summary>
    /// The doctors to page first for this patient at <paramref name="at"/>, in order: whoever is on call now in the rotas
    /// of the patient's care team, then whoever is on call next. A rota is the care team's when any member is in it.
    /// </summary>
    public async Task<IReadOnlyList<int>> OnCallNowAsync(int patientId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await _store.CreateDbContextAsync(cancellationToken);
        var careTeam = await db.CareTeam.AsNoTracking().Where(c => c.PatientId == patientId).Select(c => c.DoctorId).ToListAsync(cancellationToken);
        return await OnCallForAsync(careTeam, at, cancellationToken);
    }

    /// <summary>As <see cref="OnCallNowAsync"/>, for a care team already in hand (the alert engine holds it).</summary>
    public async Task<IReadOnlyList<int>> OnCallForAsync(IReadOnlyCollection<int> careTeam, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(careTeam);
        if (careTeam.Count == 0) return [];
        var instant = Instant.FromDateTimeOffset(at);
        var answers = (await RotasAsync(cancellationToken)).Where(r => r.Schedule.Members.Any(careTeam.Contains))
            .Select(r => OnCallTimeline.At(r.Schedule, instant)).ToList();
        return [.. answers.Select(a => a.Now?.DoctorId).Concat(answers.Select(a => a.Next?.DoctorId)).OfType<int>().Distinct()];
    }

    private async Task<(DateTimeOffset, IReadOnlyList<RotaEntry>)> LoadAsync()
    {
        var at = _time.GetUtcNow();
        await using var db = await _store.CreateDbContextAsync();
        var rotas = await db.Rotas.AsNoTracking().Include(r => r.Members).Include(r => r.Covers).AsSplitQuery().OrderBy(r => r.Id).ToListAsync();
        return (at, [.. rotas.Select(r => new RotaEntry(r.Id, r.Name, r.TimeZone, RotaForm.Schedule(r)))]);
    }
}
