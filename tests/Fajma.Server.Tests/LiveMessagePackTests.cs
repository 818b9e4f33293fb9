using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Fajma.Server.Consultations;
using Fajma.Server.Live;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Fajma.Server.Tests;

/// <summary>
/// The monitoring hub offers MessagePack beside JSON (ARCHITECTURE §4). A screen that chose it must see exactly what a
/// JSON screen sees: read here with SignalR's stock MessagePack client, not with the server's own transcoder.
/// </summary>
public sealed class LiveMessagePackTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    [Fact]
    public async Task AScreenOnMessagePackReceivesTheSameObservationsAndAlertsAsAScreenOnJson()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var json = await RawScreen.ConnectAsync(_host, messagePack: false, patientId);
        await using var messagePack = await RawScreen.ConnectAsync(_host, messagePack: true, patientId);

        // Two readings above the limit raise an alert too, whose event carries nested maps and lists.
        foreach (var uptime in new[] { 7_000, 8_000 })
            (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceId, uptime, heartRate: 185, temperature: 37.25))))
                .EnsureSuccessStatusCode();

        foreach (var (hubEvent, type) in new[] { (MonitoringEvents.Observation, "heart_rate"), (MonitoringEvents.Observation, "temperature"), (MonitoringEvents.Alert, null) })
        {
            var expected = await json.NextAsync(hubEvent, type);
            var actual = await messagePack.NextAsync(hubEvent, type);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{hubEvent} {type}: JSON {expected.ToJsonString()} but MessagePack {actual.ToJsonString()}");
        }
        var temperature = await messagePack.NextAsync(MonitoringEvents.Observation, "temperature");
        Assert.Equal(37.25, temperature["value"]!.GetValue<double>());
        Assert.Equal(JsonValueKind.String, temperature["measuredAt"]!.GetValueKind()); // a time reads as JSON's ISO string, not an extension type
    }

    [Fact]
    public async Task SubscribingOverMessagePackToAPatientOfAnotherCareTeamIsRefusedNamingTheField()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        var (_, token) = await _host.DoctorInCareTeamAsync("other.team.msgpack@test.fajma");
        await using var hub = Build(_host, token, messagePack: true);
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("SubscribePatient", patientId));
        Assert.Contains("patientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConsultationHubSpeaksJsonOnly()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_host.Url, ConsultationsExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(_host.DoctorToken)).AddMessagePackProtocol().Build();

        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
    }

    private static HubConnection Build(FajmaHost host, string token, bool messagePack)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(host.Url, LiveExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (messagePack) builder.AddMessagePackProtocol();
        return builder.Build();
    }

    /// <summary>A screen that keeps each event as JSON, whichever protocol carried it.</summary>
    private sealed class RawScreen : IAsyncDisposable
    {
        private readonly HubConnection _hub;
        private readonly Channel<(string Event, JsonNode Payload)> _events = Channel.CreateUnbounded<(string, JsonNode)>();
        private readonly List<(string Event, JsonNode Payload)> _seen = [];

        private RawScreen(HubConnection hub) => _hub = hub;

        public static async Task<RawScreen> ConnectAsync(FajmaHost host, bool messagePack, int patientId)
        {
            var screen = new RawScreen(Build(host, host.DoctorToken, messagePack));
            foreach (var name in new[] { MonitoringEvents.Observation, MonitoringEvents.Alert })
            {
                if (messagePack) screen._hub.On<Dictionary<string, object?>>(name, p => screen._events.Writer.TryWrite((name, ToJson(p))));
                else screen._hub.On<JsonElement>(name, p => screen._events.Writer.TryWrite((name, JsonNode.Parse(p.GetRawText())!)));
            }
            await screen._hub.StartAsync();
            await screen._hub.InvokeAsync("SubscribePatient", patientId);
            return screen;
        }

        /// <summary>The first event of that name (and observation type) received, seen before or awaited.</summary>
        public async Task<JsonNode> NextAsync(string hubEvent, string? type)
        {
            bool Match((string Event, JsonNode Payload) e) => e.Event == hubEvent && (type is null || e.Payload["type"]?.GetValue<string>() == type);
            var seen = _seen.FirstOrDefault(Match);
            if (seen.Payload is not null) return seen.Payload;
            var next = await Wait.ForAsync(_events.Reader, e => { _seen.Add(e); return Match(e); }, $"{hubEvent} {type}");
            return next.Payload;
        }

        public ValueTask DisposeAsync() => _hub.DisposeAsync();
    }

    /// <summary>What the stock MessagePack reader made of a map (dictionaries, arrays, the smallest fitting numbers), as JSON.</summary>
    private static JsonNode ToJson(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) Write(writer, value);
        return JsonNode.Parse(stream.ToArray())!;

        static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case float or double: writer.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case byte or sbyte or short or ushort or int or uint or long: writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        writer.WritePropertyName((string)entry.Key);
                        Write(writer, entry.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (var item in items) Write(writer, item);
                    writer.WriteEndArray();
                    break;
                default: throw new InvalidOperationException($"unexpected {value.GetType()} from MessagePack");
            }
        }
    }
}
