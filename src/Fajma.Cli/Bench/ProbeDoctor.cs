using Fajma.Cli.Simulation;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// Probe devices that turn critical again and again (<see cref="AlertProbe"/>) and the doctor who hears their alerts, in
/// the bench's own process. The doctor watches only the probes' patients: what is measured is the alert path under
/// whatever load runs beside it. The doctor refreshes its session and watches again after its hub reconnects, as the web
/// app does, and asks for the alerts raised while it was away, so those count as late rather than missed.
/// </summary>
internal sealed class ProbeDoctor : IAsyncDisposable
{
    private readonly List<AlertProbe> _probes;
    private readonly Dictionary<int, AlertProbe> _byPatient;
    private readonly DoctorSession _doctor;
    private readonly HubConnection _hub;
    private readonly CancellationTokenSource _stop = new();
    private List<Task> _runs = [];
    private volatile bool _recording;
    private DateTimeOffset _awaySince = DateTimeOffset.MaxValue;

    private ProbeDoctor(List<AlertProbe> probes, DoctorSession doctor, HubConnection hub)
    {
        (_probes, _doctor, _hub) = (probes, doctor, hub);
        _byPatient = probes.ToDictionary(p => p.PatientId);
    }

    /// <summary>The doctor signed in and watching every probe's patient; the probes not yet running (<see cref="Start"/>).</summary>
    public static async Task<ProbeDoctor> ConnectAsync(HttpClient admin, Uri server, int mqttPort, IReadOnlyList<FleetRegistration.RegisteredDevice> probing,
        CancellationToken cancellationToken)
    {
        var probes = probing.Select(d => new AlertProbe(d, server, mqttPort)).ToList();
        var doctor = await BenchDoctor.CreateSessionAsync(admin, server, probing.Select(r => r.PatientId), cancellationToken,
            "bench-probes-doctor@fajma.local", "Bench probes' doctor");
        var hub = new HubConnectionBuilder().WithUrl(new Uri(server, "/hubs/monitoring"), o => o.AccessTokenProvider = doctor.AccessTokenAsync)
            .WithAutomaticReconnect().Build();
        var watch = new ProbeDoctor(probes, doctor, hub);
        hub.On<BenchAlert>("alert", watch.Heard);
        hub.Reconnecting += _ =>
        {
            watch._awaySince = DateTimeOffset.UtcNow;
            return Task.CompletedTask;
        };
        hub.Reconnected += _ => watch.CatchUpAsync(cancellationToken);
        await hub.StartAsync(cancellationToken);
        await watch.WatchAsync(cancellationToken);
        return watch;
    }

    public AlertReport.Latency Threshold => AlertReport.Latency.Of(_probes.Select(p => p.Threshold));

    public AlertReport.Latency Device => AlertReport.Latency.Of(_probes.Select(p => p.Device));

    public AlertReport.Latency DeviceToServer => AlertReport.Latency.Of(_probes.Select(p => p.DeviceToServer));

    public AlertReport.Latency DeviceFromServer => AlertReport.Latency.Of(_probes.Select(p => p.DeviceFromServer));

    public int Missed => _probes.Sum(p => p.Missed);

    public int CaughtUp => _probes.Sum(p => p.CaughtUp);

    /// <summary>Whether alerts are timed now: only those raised within the measured span count.</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>Sets the probes going; they run until <see cref="StopAsync"/>.</summary>
    public void Start() => _runs = [.. _probes.Select(p => p.RunAsync(() => _recording, _stop.Token))];

    /// <summary>Stops the probes, waits for them, and prints what went wrong with them (never hidden).</summary>
    public async Task StopAsync()
    {
        _recording = false;
        await _stop.CancelAsync();
        await Task.WhenAll(_runs);
        foreach (var error in _probes.SelectMany(p => p.Errors))
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]probe error:[/] {error}");
    }

    private void Heard(BenchAlert alert)
    {
        if (alert.PatientId is { } id && _byPatient.TryGetValue(id, out var probe)) probe.Received(alert.Rule, alert.Event, alert.RaisedAt);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        foreach (var probe in _probes) await _hub.InvokeAsync("SubscribePatient", probe.PatientId, cancellationToken);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await WatchAsync(cancellationToken);
        foreach (var alert in await _doctor.AlertsRaisedSinceAsync(_awaySince.AddSeconds(-5), cancellationToken))
            if (alert.PatientId is { } id && _byPatient.TryGetValue(id, out var probe)) probe.CaughtUpWith(alert.Rule, alert.RaisedAt);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _hub.DisposeAsync();
        _doctor.Dispose();
        _stop.Dispose();
    }
}
