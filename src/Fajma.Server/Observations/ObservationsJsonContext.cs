using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Server.Observations;

/// <summary>Live events as they cross the cluster bus, and their size on the wire for the delivery metrics.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ObservationDto))]
[JsonSerializable(typeof(DeviceStatusDto))]
internal sealed partial class ObservationsJsonContext : JsonSerializerContext;
