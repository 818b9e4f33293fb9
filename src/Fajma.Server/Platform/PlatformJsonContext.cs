using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Server.Platform;

/// <summary>The platform's own JSON (health answers, plain values on the cluster bus), source-generated like the rest.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
public sealed partial class PlatformJsonContext : JsonSerializerContext;
