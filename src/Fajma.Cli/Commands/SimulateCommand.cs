using System.CommandLine;
using Fajma.Cli.Simulation;
using Fajma.Devices.Simulation;
using Spectre.Console;

namespace Fajma.Cli.Commands;

/// <summary><c>fajma simulate</c>: simulated devices against any running server.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "Number of devices (each with its own patient)", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per device", DefaultValueFactory = _ => 1 };
        var transport = new Option<string>("--transport") { Description = "mqtt (flat ESP32 JSON) or http (standard message)", DefaultValueFactory = _ => "mqtt" };
        transport.AcceptOnlyFromAmong("mqtt", "http");
        var url = new Option<Uri>("--url")
        {
            Description = "Server base URL",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:5000"),
            CustomParser = result =>
            {
                if (Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
                result.AddError($"--url: '{result.Tokens[0].Value}' is not an http(s) URL");
                return null;
            },
        };
        var mqtt = new Option<string>("--mqtt") { Description = "MQTT broker host:port", DefaultValueFactory = _ => "127.0.0.1:1883" };
        var duration = new Option<int>("--duration") { Description = "Seconds to run (0 = until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var readings = new Option<int>("--readings") { Description = "Readings per device, then stop once the server has acknowledged them (0 = no limit)", DefaultValueFactory = _ => 0 };
        readings.AtLeast(0);
        devices.AtLeast(1);
        duration.AtLeast(0);
        rate.Require(value => value > 0, "--rate must be above 0 messages per second");
        var prefix = new Option<string>("--prefix") { Description = "Device id prefix", DefaultValueFactory = _ => "SIM" };
        var email = new Option<string>("--email") { Description = "Admin account that registers the devices", DefaultValueFactory = _ => "admin@fajma.demo" };
        var password = new Option<string>("--password") { Description = "Its password", DefaultValueFactory = _ => "fajma-demo" };
        var outbox = new Option<string?>("--outbox")
        {
            Description = "Directory where each device keeps its readings until the server acknowledges them (and the fleet's identities): "
                + "an outage delays readings instead of skipping them, and a second run resumes the same devices",
        };
        var command = new Command("simulate", "Simulated devices sending realistic vitals to a server") { devices, rate, transport, url, mqtt, duration, readings, prefix, email, password, outbox };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var server = parseResult.GetValue(url)!;
            var useMqtt = parseResult.GetValue(transport) == "mqtt";
            var (mqttHost, mqttPort) = ParseHostPort(parseResult.GetValue(mqtt)!);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            var outboxDirectory = parseResult.GetValue(outbox);
            var fleetDevices = outboxDirectory is null ? null : FleetFile.Load(outboxDirectory);
            if (fleetDevices is null)
            {
                await FleetRegistration.SignInAsync(http, server, parseResult.GetValue(email)!, parseResult.GetValue(password)!, cancellationToken);
                var registered = await FleetRegistration.RegisterAsync(http, server, parseResult.GetValue(prefix)!, parseResult.GetValue(devices), useMqtt, null, cancellationToken);
                fleetDevices = [.. registered.Select(d => new FleetFile.Entry(d.DeviceId, d.PatientId, d.Bundle.Secret, useMqtt))];
                if (outboxDirectory is not null) FleetFile.Save(outboxDirectory, fleetDevices);
            }
            var count = fleetDevices.Count;
            var fleet = new DeviceFleet(
                [.. fleetDevices.Select((d, i) => FleetFactory.Create(d.DeviceId, d.Mqtt, server, mqttHost, mqttPort, http, i, TimeProvider.System,
                    Fajma.Server.Devices.DeviceSecrets.Decode(d.Secret)))],
                parseResult.GetValue(rate), TimeProvider.System)
            {
                OutboxDirectory = outboxDirectory,
                ReadingsPerDevice = parseResult.GetValue(readings) is > 0 and var perDevice ? perDevice : null,
            };

            var seconds = parseResult.GetValue(duration);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (seconds > 0) stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            var run = fleet.RunAsync(stop.Token);
            await AnsiConsole.Status().StartAsync("Simulating…", async ctx =>
            {
                while (!run.IsCompleted)
                {
                    var s = fleet.Statistics;
                    ctx.Status($"{count} devices → {server}: sent {s.Sent:N0}, accepted {s.Accepted:N0}, refused {s.Refused:N0}, errors {s.Errors:N0}");
                    await Task.WhenAny(run, Task.Delay(500, CancellationToken.None));
                }
            });
            await run;
            var stats = fleet.Statistics;
            AnsiConsole.MarkupLine(outboxDirectory is null
                ? $"sent {stats.Sent:N0}, accepted {stats.Accepted:N0}, refused {stats.Refused:N0}, transport errors {stats.Errors:N0}"
                : $"measured {stats.Sent:N0}, acknowledged {stats.Accepted:N0}, parked {stats.Refused:N0}; the rest stays queued in {Markup.Escape(outboxDirectory)}");
            if (stats.LastRefusal is { } refusal) AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]last refusal:[/] {refusal}");
            var expected = (long)count * parseResult.GetValue(readings);
            if (expected > 0 && stats.Accepted < expected)
            {
                AnsiConsole.MarkupLine($"[red]{stats.Accepted:N0} of the {expected:N0} readings acknowledged before the end of the run[/]");
                return 1;
            }
            return stats.Refused == 0 ? 0 : 1;
        });
        return command;
    }

    internal static (string Host, int Port) ParseHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon < 0 ? (value, 1883) : (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
