using System.Text.Json.Serialization.Metadata;
using Fajma.Core.Traffic;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;

namespace Fajma.Server.Live;

/// <summary>
/// One kind of live event for a patient's watchers, declared by the feature that owns its payload (vitals, device
/// status, NEWS2) and registered as a <see cref="LiveChannel"/> service, so the <see cref="LiveFeed"/> knows none of them.
/// </summary>
public abstract class LiveChannel
{
    internal abstract void Attach(LiveFeed feed, ClusterBus bus);
}

/// <param name="topic">The cluster bus topic: every node delivers to its own watchers.</param>
/// <param name="hubEvent">The hub event name (a fixed wire name, ARCHITECTURE §4).</param>
/// <param name="keyOf">What coalesces: a newer event with the same key replaces one not yet sent.</param>
public sealed class LiveChannel<T>(string topic, string hubEvent, TrafficClass traffic, JsonTypeInfo<T> json, Func<T, int> patientOf, Func<T, LiveKey> keyOf)
    : LiveChannel where T : class
{
    /// <summary>Charged to the budget as is, never measured (a small event); null: serialized to be sized when the class has a budget.</summary>
    public int? FixedBytes { get; init; }

    /// <summary>Whether an event replaced or dropped under load counts as shed (fajma.traffic.shed).</summary>
    public bool CountsShed { get; init; } = true;

    public TrafficClass Traffic => traffic;

    public string HubEvent => hubEvent;

    public int PatientOf(T item) => patientOf(item);

    public LiveKey KeyOf(T item) => keyOf(item);

    /// <summary>Sized only when the class has a budget to charge it to: no extra serialization on the hot path otherwise.</summary>
    public int Bytes(T item, TrafficOptions budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        return FixedBytes ?? (budgets.BytesPerSecond(traffic) > 0 ? Measure(item) : 0);
    }

    // Each observation is sized for the budget before SignalR writes it: into a buffer kept per thread, not a new array each time.
    private int Measure(T item) => PerThreadJson.Serialize(item, json).Length;

    internal override void Attach(LiveFeed feed, ClusterBus bus) => bus.Subscribe(topic, json, item => feed.Deliver(this, item));

    internal void Publish(ClusterBus bus, T item) => bus.Publish(topic, item, json);
}
