using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Fajma.Server.Storage.Backup;

/// <summary>
/// The archive format: <c>"FAJMABAK" | header length (u32) | header (JSON)</c>, then chunks
/// <c>final (u8) | length (u32) | ciphertext | tag (16)</c>, each AES-256-GCM under a key derived (HKDF) from the backup key
/// and the header's salt. A chunk's associated data is the header's SHA-256, its index and its final flag: chunks cannot be
/// reordered, dropped, cut off at the end or moved to another archive, and the header cannot be edited, unseen.
/// </summary>
public static class BackupArchive
{
    private static readonly byte[] Magic = "FAJMABAK"u8.ToArray();
    private const int MaxHeaderLength = 64 * 1024;
    internal const int TagSize = 16;

    /// <summary>Writes the header and returns the stream the plaintext goes into; dispose it to write the final chunk.</summary>
    public static async Task<Stream> StartAsync(Stream output, BackupHeader header, BackupKey key, CancellationToken cancellationToken)
    {
        var bytes = Encode(header);
        await output.WriteAsync(bytes, cancellationToken);
        return new SealingStream(output, ChunkKey(key, header.Salt), SHA256.HashData(bytes), header.ChunkSize);
    }

    /// <summary>Reads the header only (not yet authenticated: that takes the key and the first chunk).</summary>
    /// <exception cref="BackupException">Not a Fajma backup archive, or a format this version does not read.</exception>
    public static async Task<(BackupHeader Header, byte[] Bytes)> ReadHeaderAsync(Stream input, CancellationToken cancellationToken)
    {
        var prefix = new byte[Magic.Length + 4];
        if (await input.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken) < prefix.Length
            || !prefix.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new BackupException("not a Fajma backup archive");
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(Magic.Length));
        if (length is <= 0 or > MaxHeaderLength) throw new BackupException("the archive's header is damaged");
        var bytes = new byte[prefix.Length + length];
        prefix.CopyTo(bytes, 0);
        if (await input.ReadAtLeastAsync(bytes.AsMemory(prefix.Length), length, throwOnEndOfStream: false, cancellationToken) < length)
            throw new BackupException("the archive is cut off inside its header");
        BackupHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(bytes.AsSpan(prefix.Length), BackupJsonContext.Default.BackupHeader);
        }
        catch (JsonException e)
        {
            throw new BackupException("the archive's header is damaged", e);
        }
        if (header is null || header.FormatVersion != BackupHeader.CurrentFormat)
            throw new BackupException($"archive format {header?.FormatVersion} is not one this version reads ({BackupHeader.CurrentFormat})");
        if (header.ChunkSize is <= 0 or > 64 << 20 || header.Salt is not { Length: 32 }) throw new BackupException("the archive's header is damaged");
        return (header, bytes);
    }

    /// <summary>The plaintext after the header; every chunk is authenticated before a byte of it is returned.</summary>
    /// <exception cref="BackupException">While reading: a chunk failed authentication, or the archive was cut off.</exception>
    public static Stream Open(Stream input, BackupHeader header, byte[] headerBytes, BackupKey key)
    {
        if (header.BackupKeyId != key.Id)
            throw new BackupException($"the archive was sealed with backup key {header.BackupKeyId}; the key given is {key.Id}");
        return new OpeningStream(input, ChunkKey(key, header.Salt), SHA256.HashData(headerBytes), header.ChunkSize);
    }

    private static byte[] Encode(BackupHeader header)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header, BackupJsonContext.Default.BackupHeader);
        var bytes = new byte[Magic.Length + 4 + json.Length];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Magic.Length), json.Length);
        json.CopyTo(bytes, Magic.Length + 4);
        return bytes;
    }

    private static byte[] ChunkKey(BackupKey key, byte[] salt) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes.ToArray(), 32, salt, Encoding.ASCII.GetBytes("fajma backup chunks v1"));

    internal static byte[] Nonce(long index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(4), index);
        return nonce;
    }

    internal static byte[] AssociatedData(byte[] headerHash, long index, bool final)
    {
        var data = new byte[headerHash.Length + 9];
        headerHash.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(headerHash.Length), index);
        data[^1] = final ? (byte)1 : (byte)0;
        return data;
    }
}
