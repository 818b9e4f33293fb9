using System.Buffers.Binary;
using System.Security.Cryptography;
using Fajma.Server.Storage;
using Fajma.Server.Storage.Backup;

namespace Fajma.Server.Tests;

/// <summary>The sealed archive format on its own: streamed in chunks, and no chunk can be altered, reordered, dropped or cut off unseen.</summary>
public sealed class BackupArchiveTests
{
    private const int Chunk = 1000;
    private static readonly BackupKey Key = BackupKey.New();

    private static BackupHeader Header(BackupKey key) =>
        new(BackupHeader.CurrentFormat, StorageProvider.Sqlite, DateTimeOffset.UnixEpoch, "20260101000000_Initial", ["ABCDEF0123456789"], Chunk, key.Id, RandomNumberGenerator.GetBytes(32));

    private static async Task<byte[]> SealAsync(byte[] plain)
    {
        using var output = new MemoryStream();
        await using (var sealing = await BackupArchive.StartAsync(output, Header(Key), Key, CancellationToken.None))
            await sealing.WriteAsync(plain);
        return output.ToArray();
    }

    private static async Task<byte[]> OpenAsync(byte[] archive, BackupKey? key = null)
    {
        using var input = new MemoryStream(archive);
        var (header, bytes) = await BackupArchive.ReadHeaderAsync(input, CancellationToken.None);
        await using var plain = BackupArchive.Open(input, header, bytes, key ?? Key);
        using var output = new MemoryStream();
        await plain.CopyToAsync(output);
        return output.ToArray();
    }

    /// <summary>The header's bytes, then each chunk's record (flag, length, ciphertext, tag).</summary>
    private static (byte[] Header, List<byte[]> Chunks) Split(byte[] archive)
    {
        var at = 12 + BinaryPrimitives.ReadInt32BigEndian(archive.AsSpan(8));
        var header = archive[..at];
        var chunks = new List<byte[]>();
        while (at < archive.Length)
        {
            var length = 5 + BinaryPrimitives.ReadInt32BigEndian(archive.AsSpan(at + 1)) + 16;
            chunks.Add(archive[at..(at + length)]);
            at += length;
        }
        return (header, chunks);
    }

    private static byte[] Join(byte[] header, IEnumerable<byte[]> chunks) => [.. header, .. chunks.SelectMany(c => c)];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk)]
    [InlineData(3 * Chunk + 500)]
    public async Task WhatIsSealedOpensUnchangedWhateverItsLength(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);

        var archive = await SealAsync(plain);

        Assert.Equal(plain, await OpenAsync(archive));
        Assert.Equal(Math.Max(1, (length + Chunk - 1) / Chunk), Split(archive).Chunks.Count);
        if (length >= 16) Assert.True(archive.AsSpan().IndexOf(plain.AsSpan(0, 16)) < 0, "plaintext in the archive");
    }

    [Fact]
    public async Task ReorderedDroppedCutOrExtendedChunksAreRefused()
    {
        var (header, chunks) = Split(await SealAsync(RandomNumberGenerator.GetBytes(3 * Chunk + 500)));

        var broken = new Dictionary<string, byte[]>
        {
            ["swapped"] = Join(header, [chunks[1], chunks[0], chunks[2], chunks[3]]),
            ["dropped"] = Join(header, [chunks[0], chunks[2], chunks[3]]),
            ["cut at a chunk"] = Join(header, chunks.Take(3)),
            ["extended"] = Join(header, [.. chunks, chunks[3]]),
            ["final flag moved"] = Join(header, [chunks[0], chunks[1], [1, .. chunks[2][1..]]]),
        };

        foreach (var (what, archive) in broken)
        {
            var refusal = await Record.ExceptionAsync(() => OpenAsync(archive));
            Assert.True(refusal is BackupException, $"{what}: {refusal?.GetType().Name ?? "opened"}");
        }
    }

    [Fact]
    public async Task AnotherKeyOrAnEditedHeaderOpensNothing()
    {
        var archive = await SealAsync(RandomNumberGenerator.GetBytes(2 * Chunk));
        var edited = (byte[])archive.Clone();
        var migration = edited.AsSpan().IndexOf("20260101"u8);
        edited[migration + 3] = (byte)'7'; // 2027: still a valid header, bound to every chunk

        var wrongKey = await Assert.ThrowsAsync<BackupException>(() => OpenAsync(archive, BackupKey.New()));
        var wrongHeader = await Assert.ThrowsAsync<BackupException>(() => OpenAsync(edited));

        Assert.Contains("sealed with backup key", wrongKey.Message, StringComparison.Ordinal);
        Assert.Contains("chunk 0", wrongHeader.Message, StringComparison.Ordinal);
    }
}
