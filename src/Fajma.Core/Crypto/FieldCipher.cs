using System.Security.Cryptography;

namespace Fajma.Core.Crypto;

/// <summary>
/// AES-256-GCM for one stored field. Layout: <c>version (1) | nonce (12) | tag (16) | ciphertext</c>.
/// The associated data (for example <c>"patient:42|observations.value"</c>) is authenticated but not
/// stored: a value copied into another patient's row or another column does not decrypt. Any changed
/// byte fails authentication; decryption never returns wrong data.
/// </summary>
public static class FieldCipher
{
    public const byte Version = 1;
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using var aes = Create(key);
        return Encrypt(aes, plaintext, associatedData);
    }

    /// <exception cref="CryptographicException">The blob was altered, or belongs to other associated data or another key.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> blob, ReadOnlySpan<byte> associatedData)
    {
        using var aes = Create(key);
        return Decrypt(aes, blob, associatedData);
    }

    /// <summary>
    /// The cipher for one key, for many fields in a row (a message's observations, a page of history): setting up a key
    /// costs about as much as sealing a value. Not for use by two threads at once.
    /// </summary>
    public static AesGcm Create(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException("AES-256 needs a 32-byte key", nameof(key));
        return new AesGcm(key, TagSize);
    }

    public static byte[] Encrypt(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(aes);
        var blob = new byte[HeaderSize + plaintext.Length];
        blob[0] = Version;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce); // random 96-bit nonces: safe for well under 2^32 encryptions per key
        aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), associatedData);
        return blob;
    }

    /// <exception cref="CryptographicException">The blob was altered, or belongs to other associated data or another key.</exception>
    public static byte[] Decrypt(AesGcm aes, ReadOnlySpan<byte> blob, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(aes);
        if (blob.Length < HeaderSize || blob[0] != Version) throw new CryptographicException("not a Fajma field ciphertext (version 1)");
        var plaintext = new byte[blob.Length - HeaderSize];
        aes.Decrypt(blob.Slice(1, NonceSize), blob[HeaderSize..], blob.Slice(1 + NonceSize, TagSize), plaintext, associatedData);
        return plaintext;
    }
}
