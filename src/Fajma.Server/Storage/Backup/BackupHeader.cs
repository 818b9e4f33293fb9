using System.Text.Json.Serialization;

namespace Fajma.Server.Storage.Backup;

/// <summary>
/// What an archive holds, in the clear at its start and authenticated with every chunk (associated data): a changed
/// header opens no chunk. <see cref="Salt"/> makes each archive's chunk key its own, so chunk nonces never repeat under a key.
/// </summary>
public sealed record BackupHeader(
    int FormatVersion,
    StorageProvider Store,
    DateTimeOffset CreatedAt,
    string? Migration,
    IReadOnlyList<string> MasterKeyIds,
    int ChunkSize,
    string BackupKeyId,
    byte[] Salt)
{
    public const int CurrentFormat = 1;
    public const int DefaultChunkSize = 1 << 20;
}

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BackupHeader))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
