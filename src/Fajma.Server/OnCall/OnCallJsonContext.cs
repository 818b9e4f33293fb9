using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Server.OnCall;

/// <summary>What on-call tells the other nodes: which rota changed.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(int))]
internal sealed partial class OnCallJsonContext : JsonSerializerContext;
