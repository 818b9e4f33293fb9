using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Fajma.Server.Storage.Backup;

/// <summary>Write-only: buffers one chunk of plaintext, seals and writes it; disposing writes the final chunk (perhaps empty).</summary>
internal sealed class SealingStream(Stream output, byte[] chunkKey, byte[] headerHash, int chunkSize) : Stream
{
    private readonly AesGcm _aes = new(chunkKey, BackupArchive.TagSize);
    private readonly byte[] _plain = new byte[chunkSize];
    private readonly byte[] _sealed = new byte[5 + chunkSize + BackupArchive.TagSize];
    private int _filled;
    private long _index;
    private bool _finished;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            // A full buffer is sealed only once more data comes, so the last chunk written is always the one marked final.
            if (_filled == _plain.Length) await FlushChunkAsync(final: false, cancellationToken);
            var n = Math.Min(buffer.Length, _plain.Length - _filled);
            buffer[..n].CopyTo(_plain.AsMemory(_filled));
            _filled += n;
            buffer = buffer[n..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    private async Task FlushChunkAsync(bool final, CancellationToken cancellationToken)
    {
        _sealed[0] = final ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32BigEndian(_sealed.AsSpan(1), _filled);
        _aes.Encrypt(BackupArchive.Nonce(_index), _plain.AsSpan(0, _filled), _sealed.AsSpan(5, _filled),
            _sealed.AsSpan(5 + _filled, BackupArchive.TagSize), BackupArchive.AssociatedData(headerHash, _index, final));
        await output.WriteAsync(_sealed.AsMemory(0, 5 + _filled + BackupArchive.TagSize), cancellationToken);
        CryptographicOperations.ZeroMemory(_plain.AsSpan(0, _filled));
        _index++;
        _filled = 0;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            await FlushChunkAsync(final: true, CancellationToken.None);
            await output.FlushAsync();
        }
        _aes.Dispose();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished) DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
