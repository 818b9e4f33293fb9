namespace Fajma.Cli.Bench;

/// <summary>What <c>fajma bench ingest</c> was asked to run; every row of one report runs the same load.</summary>
/// <param name="Servers">Builds to bench as servers, one row each (null: this build).</param>
internal sealed record IngestSettings(
    int Devices, double RateHz, bool Mqtt, bool Tls, TimeSpan Warmup, TimeSpan Duration,
    int Watchers, int PatientsPerWatcher, int Central, bool CompareMosquitto,
    IReadOnlyList<string?> Servers, IReadOnlyList<string> ServerArgs)
{
    /// <summary>Devices per generator process (<see cref="GeneratorFleet"/>).</summary>
    public int DevicesPerGenerator { get; init; } = GeneratorFleet.DefaultDevicesPerProcess;

    /// <summary>The screens' hub protocols, one row each per build (<see cref="LiveProtocols"/>).</summary>
    public IReadOnlyList<string> LiveProtocols { get; init; } = [Bench.LiveProtocols.Json];

    /// <summary>
    /// Probe devices that turn critical again and again beside the fleet (<see cref="ProbeDoctor"/>), over MQTT whatever the
    /// fleet's transport: their alerts' latency under the load. None by default, so rows stay comparable with earlier runs
    /// (the probes add a few dozen messages a second).
    /// </summary>
    public int Probes { get; init; }

    /// <summary>Generator processes the fleet is split over.</summary>
    public int Generators => (Devices + DevicesPerGenerator - 1) / DevicesPerGenerator;

    /// <summary>Doctors actually run: no more than it takes to cover every device once.</summary>
    public int Doctors => Math.Min(Watchers, (Devices + PatientsPerWatcher - 1) / PatientsPerWatcher);

    public int CentralPatients => Math.Min(Central, Devices);

    public string TransportName => Mqtt ? (Tls ? "MQTT over TLS 1.3 with client certificates (flat ESP32 JSON, QoS 1)" : "MQTT (flat ESP32 JSON, QoS 1)")
        : Tls ? "HTTPS with client certificates (standard message, keep-alive)" : "HTTP (standard message, keep-alive)";
}
