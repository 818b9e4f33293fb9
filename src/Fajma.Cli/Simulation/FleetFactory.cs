using Fajma.Core.Vitals;
using Fajma.Devices.Simulation;
using Fajma.Devices.Transport;

namespace Fajma.Cli.Simulation;

/// <summary>Builds simulated devices with their transports, for the demo, <c>simulate</c> and benchmarks.</summary>
internal static class FleetFactory
{
    public static (SimulatedDevice, IDeviceTransport) Create(string deviceId, bool mqtt, Uri server, string mqttHost, int mqttPort,
        HttpClient http, int seed, TimeProvider time, byte[] secret, double episodesPerHour = 2, IReadOnlySet<VitalSignType>? measures = null,
        DeviceTlsIdentity? tls = null, System.Net.IPAddress? localAddress = null)
    {
        var random = new Random(seed);
        var generator = new VitalSignsGenerator(PatientProfile.Typical(random), random, episodesPerHour);
        var device = new SimulatedDevice(deviceId, mqtt ? MessageFormat.Flat : MessageFormat.Standard, generator, time, measures, secret);
        IDeviceTransport transport = mqtt
            ? new MqttDeviceTransport(deviceId, mqttHost, mqttPort, secret, tls) { LocalAddress = localAddress }
            : new HttpDeviceTransport(http, server, deviceId, secret);
        return (device, transport);
    }
}
