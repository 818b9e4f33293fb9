using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Server.Devices;

/// <summary>Device command answers as they cross the cluster bus.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeviceCommandAck))]
internal sealed partial class DevicesJsonContext : JsonSerializerContext;
