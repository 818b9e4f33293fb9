using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

/// <summary>Source-generated serialization for device messages: no reflection on the device or simulator hot path.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StandardMessage))]
[JsonSerializable(typeof(StandardPayload))]
[JsonSerializable(typeof(StandardAlertMessage))]
[JsonSerializable(typeof(WireAlertPayload))]
[JsonSerializable(typeof(FlatDeviceMessage))]
[JsonSerializable(typeof(BloodPressureValue))]
[JsonSerializable(typeof(double))]
public sealed partial class WireJsonContext : JsonSerializerContext;
