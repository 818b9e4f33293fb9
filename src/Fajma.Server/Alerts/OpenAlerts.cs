using System.Collections.Concurrent;

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

    public IReadOnlyCollection<OpenAlert> All => [.. _byId.Values];

    public IEnumerable<OpenAlert> ForPatient(int patientId) => _byId.Values.Where(a => a.PatientId == patientId);
}
