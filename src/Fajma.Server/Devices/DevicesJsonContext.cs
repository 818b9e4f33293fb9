using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Server.Devices;

/// <summary>Device command answers as they cross the cluster bus; commands as devices read them and as watchers see them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeviceCommandAck))]
[JsonSerializable(typeof(Control.DeviceCommandWire))]
[JsonSerializable(typeof(Control.DeviceCommandDto))]
internal sealed partial class DevicesJsonContext : JsonSerializerContext;
