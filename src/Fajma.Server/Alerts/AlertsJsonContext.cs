using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Server.Alerts;

/// <summary>What Alerts write for themselves: sealed contents, the cluster's rule state and alert changes, webhook bodies, live NEWS2.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AlertDto))]
[JsonSerializable(typeof(AlertChange))]
[JsonSerializable(typeof(WatchState))]
[JsonSerializable(typeof(AlertContent))]
[JsonSerializable(typeof(News2Inputs))]
[JsonSerializable(typeof(News2Dto))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Profiles.AlarmProfileDocument))]
internal sealed partial class AlertsJsonContext : JsonSerializerContext;
