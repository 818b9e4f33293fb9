using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Fajma.Server.Observations;
using Fajma.Server.Platform;
using MessagePack;

namespace Fajma.Server.Tests;

/// <summary>
/// The monitoring hub's MessagePack is its JSON transcoded: whatever the server writes reads back as the same JSON, and
/// what a client sends is refused, not recursed into without end, when it is deeper than allowed or has no JSON form.
/// </summary>
public sealed class JsonShapedMessagePackTests
{
    private static readonly JsonSerializerOptions s_wire = new(JsonSerializerDefaults.Web) { TypeInfoResolver = ServerJsonContext.Default };
    private static readonly JsonSerializerOptions s_any = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    private static readonly Gen<string> s_text = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 12],
        Gen.String, // any UTF-16, escaped by JSON's writer, unescaped on the way to MessagePack
        Gen.OneOf(Gen.Const("Température élevée"), Gen.Const("<script>\"'&"), Gen.Const("\u2028 🫀"), Gen.Const("2026-12-06T10:00:00.123+00:00")));

    private static readonly Gen<JsonNode?> s_leaf = Gen.OneOf<JsonNode?>(
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        s_text.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Bool.Select(_ => (JsonNode?)null));

    private static Gen<JsonNode?> Value(int depth) => depth <= 0 ? s_leaf : Gen.Frequency(
        (3, s_leaf),
        (2, Gen.Select(s_text, Value(depth - 1)).Array[0, 6].Select(members =>
        {
            var map = new JsonObject();
            foreach (var (name, value) in members) map[name] = value; // a repeated name keeps its last value, as a map must
            return (JsonNode?)map;
        })),
        (1, Value(depth - 1).Array[0, 5].Select(items => (JsonNode?)new JsonArray(items))));

    [Fact]
    public void AnyJsonValueReadsTheSameAfterARoundTripThroughMessagePack() =>
        Value(4).Sample(node =>
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(node, s_any);
            var back = MessagePackSerializer.Deserialize<JsonElement>(MessagePackSerializer.Serialize(JsonDocument.Parse(json).RootElement, Options(s_any)), Options(s_any));
            Assert.True(JsonNode.DeepEquals(node, JsonNode.Parse(back.GetRawText())), $"{JsonSerializer.Serialize(node, s_any)} came back as {back.GetRawText()}");
        }, iter: 3000);

    [Fact]
    public void AnObservationKeepsItsJsonNamesAndTimesAndTravelsInFewerBytes()
    {
        var at = new DateTimeOffset(2026, 12, 6, 10, 0, 0, 123, TimeSpan.Zero);
        var observation = new ObservationDto(4_000_123, 17, "esp32-0042", "temperature", "8310-5", 37.25, null, "Cel", 95, at, at.AddMilliseconds(2), "server", "ts:42000");

        var json = JsonSerializer.SerializeToUtf8Bytes(observation, s_wire);
        var messagePack = MessagePackSerializer.Serialize(observation, Options(s_wire));

        // Read back by MessagePack's own converter, not by the transcoder under test.
        var reread = MessagePackSerializer.ConvertToJson(messagePack);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(reread)), $"JSON {System.Text.Encoding.UTF8.GetString(json)} but MessagePack {reread}");
        Assert.Contains("\"measuredAt\":\"2026-12-06T10:00:00.123+00:00\"", reread, StringComparison.Ordinal);
        Assert.True(messagePack.Length < json.Length * 0.85, $"{messagePack.Length} bytes of MessagePack against {json.Length} of JSON");
    }

    [Fact]
    public void AClientsValueNestedDeeperThanTheLimitIsRefusedNotRecursedInto()
    {
        var writer = new ArrayBufferWriter<byte>();
        var packer = new MessagePackWriter(writer);
        for (var i = 0; i < 100_000; i++) packer.WriteArrayHeader(1);
        packer.WriteNil();
        packer.Flush();

        Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<JsonElement>(writer.WrittenMemory, Options(s_any)));
    }

    [Theory]
    [InlineData("a map keyed by a number")]
    [InlineData("an extension value")]
    public void AClientsValueWithNoJsonFormIsRefused(string what)
    {
        var writer = new ArrayBufferWriter<byte>();
        var packer = new MessagePackWriter(writer);
        packer.WriteMapHeader(1);
        if (what == "a map keyed by a number")
        {
            packer.Write(1);
            packer.Write(true);
        }
        else
        {
            packer.Write("when");
            packer.Write(DateTime.UtcNow); // MessagePack's timestamp extension
        }
        packer.Flush();

        Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<JsonElement>(writer.WrittenMemory, Options(s_any)));
    }

    private static MessagePackSerializerOptions Options(JsonSerializerOptions json) => JsonShapedMessagePack.Options(json);
}
