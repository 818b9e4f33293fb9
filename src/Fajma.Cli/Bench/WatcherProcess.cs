using System.Text.Json;
using Fajma.Core.Wire;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Cli.Bench;

/// <summary>
/// <c>fajma bench watch --plan FILE</c>: the screens of a bench in a process of their own — each doctor and the central
/// station a SignalR client subscribed to its patients — or, against Mosquitto, one MQTT subscriber of every device's
/// telemetry (QoS 1). Records when each message first arrives; on <c>stop</c> writes those times and exits.
/// </summary>
internal static class WatcherProcess
{
    public static async Task<int> RunAsync(string planFile, CancellationToken cancellationToken)
    {
        var plan = LoadPlan.Load(planFile);
        var times = new MessageTimes();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hubs = new List<HubConnection>();
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        try
        {
            if (plan.Watchers.Count > 0)
                await Parallel.ForEachAsync(plan.Watchers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (watcher, ct) =>
                {
                    var builder = new HubConnectionBuilder().WithUrl(new Uri(new Uri(plan.Url), "/hubs/monitoring"),
                        o => o.AccessTokenProvider = () => Task.FromResult<string?>(watcher.Token));
                    if (plan.LiveProtocol == LiveProtocols.MessagePack) builder.AddMessagePackProtocol();
                    var hub = builder.Build();
                    lock (hubs) hubs.Add(hub);
                    if (plan.LiveProtocol == LiveProtocols.MessagePack)
                        hub.On<Dictionary<string, object?>>("observation", o => times.Received((string)o["deviceId"]!, (string)o["messageId"]!));
                    else hub.On<BenchObservation>("observation", o => times.Received(o.DeviceId, o.MessageId));
                    await hub.StartAsync(ct);
                    foreach (var patient in watcher.Patients) await hub.InvokeAsync("SubscribePatient", patient, ct);
                });
            else await SubscribeAllAsync(subscriber, plan, times, cancellationToken);
            Console.Out.WriteLine("ready");
            await LoadProcess.ReportUntilStoppedAsync(() =>
                [("received", times.Count), ("connected", plan.Watchers.Count > 0 ? hubs.Count(h => h.State == HubConnectionState.Connected) : subscriber.IsConnected ? 1 : 0), .. LoadProcess.CollectorStats()], run);
            times.Write(plan.TimesFile);
            return 0;
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
    }

    /// <summary>One subscriber receiving every device's readings, as a broker's consumer would (the reference for Mosquitto's relaying cost).</summary>
    private static async Task SubscribeAllAsync(IMqttClient client, LoadPlan plan, MessageTimes times, CancellationToken cancellationToken)
    {
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (MqttTopics.TryParseSensorTopic(e.ApplicationMessage.Topic, out var device, out _))
            {
                var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
                while (reader.Read())
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("timestamp") && reader.Read())
                    {
                        times.Received(device, "ts:" + reader.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    }
            }
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(plan.MqttHost, plan.MqttPort).WithClientId("fajma-bench-subscriber")
            .WithProtocolVersion(MqttProtocolVersion.V500).Build(), cancellationToken);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.Telemetry("+"), MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
    }
}
