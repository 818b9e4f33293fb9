using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Fajma.Server.Storage.Backup;

/// <summary>Read-only: reads, authenticates and returns one chunk at a time; an archive without its final chunk, or with bytes after it, is refused.</summary>
internal sealed class OpeningStream(Stream input, byte[] chunkKey, byte[] headerHash, int chunkSize) : Stream
{
    private readonly AesGcm _aes = new(chunkKey, BackupArchive.TagSize);
    private readonly byte[] _plain = new byte[chunkSize];
    private readonly byte[] _sealed = new byte[chunkSize + BackupArchive.TagSize];
    private int _start;
    private int _end;
    private long _index;
    private bool _final;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_start == _end)
        {
            if (_final) return 0;
            await ReadChunkAsync(cancellationToken);
        }
        var n = Math.Min(buffer.Length, _end - _start);
        _plain.AsMemory(_start, n).CopyTo(buffer);
        _start += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    private async Task ReadChunkAsync(CancellationToken cancellationToken)
    {
        var prefix = new byte[5];
        if (await input.ReadAtLeastAsync(prefix, 5, throwOnEndOfStream: false, cancellationToken) < 5)
            throw new BackupException($"the archive is cut off after chunk {_index} (its final chunk is missing)");
        var final = prefix[0] switch { 0 => false, 1 => true, _ => throw Broken() };
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(1));
        if (length < 0 || length > _plain.Length) throw Broken();
        if (await input.ReadAtLeastAsync(_sealed.AsMemory(0, length + BackupArchive.TagSize), length + BackupArchive.TagSize, false, cancellationToken)
            < length + BackupArchive.TagSize)
            throw new BackupException($"the archive is cut off inside chunk {_index}");
        try
        {
            _aes.Decrypt(BackupArchive.Nonce(_index), _sealed.AsSpan(0, length), _sealed.AsSpan(length, BackupArchive.TagSize),
                _plain.AsSpan(0, length), BackupArchive.AssociatedData(headerHash, _index, final));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw Broken(e);
        }
        if (final && await input.ReadAsync(new byte[1], cancellationToken) != 0) throw new BackupException("the archive has bytes after its final chunk");
        (_start, _end, _final) = (0, length, final);
        _index++;
    }

    private BackupException Broken(Exception? inner = null) => new(
        $"chunk {_index} of the archive failed authentication: the archive was altered, or the header or backup key is not the one it was sealed with",
        inner ?? new CryptographicException());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
