using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fajma.Server.Privacy;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErasureLedgerEntry))]
internal sealed partial class ErasureLedgerJsonContext : JsonSerializerContext;
