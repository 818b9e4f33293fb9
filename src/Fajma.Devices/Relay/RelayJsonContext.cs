using System.Text.Json.Serialization;

namespace Fajma.Devices.Relay;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MobileBatchBody))]
[JsonSerializable(typeof(MobileBatchAnswer))]
internal sealed partial class RelayJsonContext : JsonSerializerContext;
