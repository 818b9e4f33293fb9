using System.Diagnostics.Metrics;
using Fajma.Core.Messages;
using Fajma.Server.Monitoring;
using Fajma.Server.Platform;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Administration;

/// <summary>
/// Keeps the last hour of this node's KPI inputs per minute, by listening to the measurements the features already make
/// (meters Fajma.Ingestion and Fajma.Live of this host only) and sampling the fleet gauges. Nothing is stored: a restart
/// starts a new hour, and in a cluster each node tells its own traffic (the fleet gauges are cluster-wide).
/// </summary>
public sealed class KpiRecorder : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly KpiMinute?[] _minutes = new KpiMinute?[(int)Window.TotalMinutes];
    private readonly MeterListener _listener = new();
    private readonly IMeterFactory _meters;
    private readonly FleetGauges _fleet;
    private readonly IOptions<ObservabilityOptions> _options;
    private readonly TimeProvider _time;

    public KpiRecorder(IMeterFactory meters, FleetGauges fleet, IOptions<ObservabilityOptions> options, TimeProvider time)
    {
        (_meters, _fleet, _options, _time) = (meters, fleet, options, time);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Scope: the meters of this host's factory, not another host's in the same process (tests, the CLI).
            if (ReferenceEquals(instrument.Meter.Scope, _meters) && s_instruments.Contains(instrument.Name)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnCount(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => OnLatency(instrument.Name, value));
        _listener.Start();
    }

    private static readonly HashSet<string> s_instruments = new(StringComparer.Ordinal)
    {
        "fajma.ingest.messages.stored", "fajma.ingest.messages.duplicate", "fajma.ingest.messages.rejected", "fajma.ingest.bytes",
        "fajma.live.bytes", "fajma.reading.push_latency", "fajma.reading.commit_latency",
    };

    /// <summary>The minutes of the window, oldest first, each a copy taken under its lock.</summary>
    internal IReadOnlyList<KpiMinute> Snapshot(out long currentMinute)
    {
        currentMinute = MinuteOf(_time.GetUtcNow());
        var copies = new List<KpiMinute>(_minutes.Length);
        for (var m = currentMinute - _minutes.Length + 1; m <= currentMinute; m++)
        {
            var copy = new KpiMinute(m);
            if (_minutes[Slot(m)] is { } minute && minute.Minute == m)
                lock (minute)
                {
                    (copy.Received, copy.Acknowledged, copy.Rejected, copy.Implausible) = (minute.Received, minute.Acknowledged, minute.Rejected, minute.Implausible);
                    (copy.BytesIn, copy.BytesOut) = (minute.BytesIn, minute.BytesOut);
                    copy.PushLatencies.AddRange(minute.PushLatencies);
                    copy.CommitLatencies.AddRange(minute.CommitLatencies);
                    (copy.ActiveDevices, copy.RegisteredDevices, copy.Consultations) = (minute.ActiveDevices, minute.RegisteredDevices, minute.Consultations);
                }
            copies.Add(copy);
        }
        return copies;
    }

    internal static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    private int Slot(long minute) => (int)(minute % _minutes.Length);

    private KpiMinute Current()
    {
        var now = MinuteOf(_time.GetUtcNow());
        var slot = Slot(now);
        var minute = _minutes[slot];
        if (minute is not null && minute.Minute == now) return minute;
        var fresh = new KpiMinute(now);
        // A racing thread may have put this minute first: keep whichever won.
        return Interlocked.CompareExchange(ref _minutes[slot], fresh, minute) == minute ? fresh : _minutes[slot]!;
    }

    private void OnCount(string name, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var implausible = name == "fajma.ingest.messages.rejected" && IsImplausible(tags);
        var minute = Current();
        lock (minute)
        {
            switch (name)
            {
                case "fajma.ingest.messages.stored" or "fajma.ingest.messages.duplicate":
                    minute.Received += value;
                    minute.Acknowledged += value;
                    break;
                case "fajma.ingest.messages.rejected":
                    minute.Received += value;
                    minute.Rejected += value;
                    if (implausible) minute.Implausible += value;
                    break;
                case "fajma.ingest.bytes":
                    minute.BytesIn += value;
                    break;
                case "fajma.live.bytes":
                    minute.BytesOut += value;
                    break;
            }
        }
    }

    private static bool IsImplausible(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == "reason")
                return tag.Value as string is nameof(RejectionReason.Invalid) or nameof(RejectionReason.Malformed);
        return false;
    }

    private void OnLatency(string name, double seconds)
    {
        var minute = Current();
        lock (minute)
        {
            if (name == "fajma.reading.push_latency") KpiMinute.Sample(minute.PushLatencies, ++minute.PushSeen, seconds * 1000);
            else KpiMinute.Sample(minute.CommitLatencies, ++minute.CommitSeen, seconds * 1000);
        }
    }

    /// <summary>Writes the fleet gauges' latest sample into the current minute.</summary>
    public void SampleFleet()
    {
        var sample = _fleet.Last;
        var minute = Current();
        lock (minute)
        {
            minute.ActiveDevices = sample.Devices.Sum(d => d.Active);
            minute.RegisteredDevices = sample.Devices.Sum(d => d.Registered);
            minute.Consultations = sample.ConsultationsInProgress;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.SampleInterval, _time);
        do SampleFleet();
        while (await timer.NextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _listener.Dispose();
        base.Dispose();
    }
}
