using System.Text.Json;
using System.Text.Json.Serialization;
using Fajma.Server.Paging.Gateway;
using Fajma.Server.Paging.Push;

namespace Fajma.Server.Paging;

/// <summary>What paging writes for itself: push payloads and the gateway's requests and answers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PushPayload))]
[JsonSerializable(typeof(GatewayRequest))]
[JsonSerializable(typeof(GatewayAccepted))]
[JsonSerializable(typeof(GatewayStatus))]
internal sealed partial class PagingJsonContext : JsonSerializerContext;
