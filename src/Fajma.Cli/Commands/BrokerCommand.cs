using System.CommandLine;
using Fajma.Server;
using Fajma.Server.Devices;
using Spectre.Console;

namespace Fajma.Cli.Commands;

/// <summary>
/// <c>fajma broker config --out DIR</c>: an external Mosquitto 2's configuration from the platform's device CA (the data directory
/// is chosen as for serve, e.g. <c>--Storage:DataDirectory=data</c>). docs/scale-out.md "Device trust at the broker".
/// </summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write mosquitto.conf, acl, ca.pem, broker.pem/key, crl.pem, nodes/", Required = true };
        var host = new Option<string>("--host") { Description = "Address the broker listens on and its certificate names", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "The broker's TLS port", DefaultValueFactory = _ => 8883 };
        var nodes = new Option<string[]>("--node")
        {
            Description = $"A server node's id (its MQTT client id and certificate CN), starting with {BrokerTrust.NodePrefix}; repeatable",
            DefaultValueFactory = _ => [BrokerTrust.NodePrefix + "1"],
            AllowMultipleArgumentsPerToken = false,
        };
        var config = new Command("config", "Write a Mosquitto 2 configuration: TLS with client certificates from the device CA, per-device ACLs, the CRL")
        {
            output, host, port, nodes,
        };
        config.TreatUnmatchedTokensAsErrors = false;
        config.SetAction(parseResult =>
        {
            var app = FajmaServer.Build([.. parseResult.UnmatchedTokens]);
            var directory = parseResult.GetValue(output)!.FullName;
            var ids = parseResult.GetValue(nodes)!;
            try
            {
                app.Services.GetRequiredService<BrokerTrust>().Write(directory, parseResult.GetValue(host)!, parseResult.GetValue(port), ids);
            }
            catch (InvalidOperationException e)
            {
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{e.Message}[/]");
                return 1;
            }
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture,
                $"[green]broker configuration[/] → {directory} (mosquitto.conf, acl, ca.pem, broker.pem, broker.key, crl.pem, nodes/: {string.Join(", ", ids)})");
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture,
                $"each node: --Mqtt:Broker=External --Mqtt:Url=mqtts://{parseResult.GetValue(host)}:{parseResult.GetValue(port)} --Mqtt:NodeId=ID --Mqtt:CaCertificate={directory}/ca.pem --Mqtt:ClientCertificate={directory}/nodes/ID.pem --Mqtt:ClientKey={directory}/nodes/ID.key --Mqtt:BrokerConfigDirectory={directory}");
            return 0;
        });
        return new Command("broker", "The external MQTT broker (Mqtt:Broker=External)") { config };
    }
}
