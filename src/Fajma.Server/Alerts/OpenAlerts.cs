using System.Collections.Concurrent;
using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts;

/// <summary>Every alert not yet resolved, by id and by (patient, rule): one open alert per rule, into which repeats fold.</summary>
public sealed class OpenAlerts
{
    private readonly ConcurrentDictionary<Guid, OpenAlert> _byId = new();
    private readonly ConcurrentDictionary<(int? PatientId, string Rule), OpenAlert> _byRule = new();

    /// <summary>Adds the alert unless one is already open for its rule; returns the one that is open.</summary>
    public OpenAlert AddOrGet(OpenAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var open = _byRule.GetOrAdd((alert.PatientId, alert.Rule), alert);
        if (ReferenceEquals(open, alert)) _byId[alert.Id] = alert;
        return open;
    }

    public OpenAlert? Find(Guid id) => _byId.GetValueOrDefault(id);

    public OpenAlert? Find(int? patientId, string rule) => _byRule.GetValueOrDefault((patientId, rule));

    public void Remove(OpenAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _byId.TryRemove(alert.Id, out _);
        _byRule.TryRemove(new KeyValuePair<(int?, string), OpenAlert>((alert.PatientId, alert.Rule), alert));
    }

    /// <summary>
    /// Follows a change made on any node. Merged, never set back: a later status, a higher escalation level or count
    /// wins, so changes crossing each other between nodes end the same everywhere. The node that made the change
    /// already holds it; applying it again changes nothing.
    /// </summary>
    public void Apply(AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var dto = change.Alert;
        var status = Enum.Parse<AlertStatus>(dto.Status, ignoreCase: true);
        if (Find(dto.Id) is not { } alert)
        {
            if (status != AlertStatus.Resolved) AddOrGet(OpenAlert.FromChange(change));
            return;
        }
        lock (alert.Gate) alert.Merge(change, status);
        if (status == AlertStatus.Resolved) Remove(alert);
    }

    /// <summary>
    /// Takes in an alert as stored (read again after Redis was away): unknown and unresolved, it is added; known, it
    /// is merged as a change from another node would be (<see cref="Apply"/>: nothing moves backwards).
    /// </summary>
    public void Reconcile(OpenAlert stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (Find(stored.Id) is null)
        {
            if (stored.Status != AlertStatus.Resolved) AddOrGet(stored);
            return;
        }
        Apply(new AlertChange(stored.ToDto("resync"), stored.Paged, stored.AdminsPaged, stored.CareTeam, stored.SourceMessageId));
    }

    public IReadOnlyCollection<OpenAlert> All => [.. _byId.Values];

    public IEnumerable<OpenAlert> ForPatient(int patientId) => _byId.Values.Where(a => a.PatientId == patientId);
}
