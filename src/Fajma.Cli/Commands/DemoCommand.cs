using System.CommandLine;
using Fajma.Cli.Simulation;
using Fajma.Core.Vitals;
using Fajma.Devices.Simulation;
using Fajma.Server;
using Fajma.Server.Demo;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Storage;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Fajma.Cli.Commands;

/// <summary><c>fajma demo</c>: the server, a demo clinic, and its simulated devices sending live vitals.</summary>
internal static class DemoCommand
{
    // The ESP32 sends heart rate, SpO2 and temperature; the second device is a cuff with blood pressure and breathing rate.
    private static readonly HashSet<VitalSignType> s_cuffVitals = [VitalSignType.BloodPressure, VitalSignType.RespiratoryRate];

    public static Command Create()
    {
        var patients = new Option<int>("--patients") { Description = "Demo patients (two devices each)", DefaultValueFactory = _ => 6 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per device", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the server with a demo clinic and simulated devices on http://127.0.0.1:5000")
        {
            patients, rate,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var app = FajmaServer.Build([.. parseResult.UnmatchedTokens], builder => builder.AddDemoClinic());
            await app.MigrateStoreAsync(cancellationToken);
            var time = app.Services.GetRequiredService<TimeProvider>();
            IReadOnlyList<DemoDevice> devices;
            await using (var scope = app.Services.CreateAsyncScope())
                devices = await scope.ServiceProvider.GetRequiredService<DemoClinic>().SeedAsync(parseResult.GetValue(patients), cancellationToken);
            // The simulated devices use the plain loopback URL, known once Kestrel has bound it; until then the fleet is built, not run.
            IReadOnlyList<(SimulatedDevice Device, Fajma.Devices.Transport.IDeviceTransport Transport)> fleetDevices = []; // replaced whole, once built
            app.MapDemoEpisodes(devices, id => fleetDevices.FirstOrDefault(f => f.Device.DeviceId == id).Device);
            await app.StartAsync(cancellationToken);

            var url = new Uri(app.Urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal)) ?? app.Urls.First());
            var https = app.Urls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.Ordinal));
            // The embedded broker, or with Mqtt:Broker=External the external one: the devices publish where the nodes subscribe.
            var (mqttHost, mqttPort) = app.Services.GetRequiredService<IOptions<MqttOptions>>().Value.DeviceEndpoint();
            using var http = new HttpClient();
            fleetDevices = [.. devices.Select((d, i) => FleetFactory.Create(d.Id, d.UsesMqtt, url, mqttHost, mqttPort, http, seed: i, time, d.Secret,
                measures: d.UsesMqtt ? null : s_cuffVitals))];
            // Each demo device keeps its readings in its own outbox under the data directory, as the SDK's devices do: a broker
            // or store outage (or a restart of the demo) delays readings, never skips them.
            var fleet = new DeviceFleet(fleetDevices, parseResult.GetValue(rate), time)
            {
                OutboxDirectory = Path.Combine(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "device-outbox"),
            };

            AnsiConsole.MarkupLine($"[green]Fajma demo[/] — open [link]{url}[/] ({devices.Count / 2} patients, {devices.Count} devices; MQTT on {mqttHost}:{mqttPort}).");
            AnsiConsole.MarkupLine($"Sign in as [bold]doctor@fajma.demo[/], [bold]patient@fajma.demo[/] or [bold]admin@fajma.demo[/] with password [bold]{DemoClinic.DemoPassword}[/].");
            if (https is not null) AnsiConsole.MarkupLine($"HTTPS on [link]{https}[/] (certificate from the platform CA, data/keys/device-ca.pem).");
            AnsiConsole.MarkupLine("API docs at [link]" + new Uri(url, "/docs") + "[/]. Press Ctrl+C to stop.");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
            var simulation = fleet.RunAsync(stop.Token);
            await app.WaitForShutdownAsync(cancellationToken);
            await stop.CancelAsync();
            await simulation;
            return 0;
        });
        return command;
    }
}
