using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Fajma.Core.Crypto;

/// <summary>
/// A refused message's error texts and payload excerpt — which may quote clinical values — encrypted
/// together. Associated data: when and how it arrived, so a seal cannot be moved to another row.
/// Plaintext: errors length (i32 LE) | errors (UTF-8) | excerpt (UTF-8).
/// </summary>
public static class DeadLetterSeal
{
    public static byte[] Seal(ReadOnlySpan<byte> key, long receivedAtUnixMs, string transport, string errors, string? excerpt)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var errorBytes = Encoding.UTF8.GetBytes(errors);
        var excerptBytes = Encoding.UTF8.GetBytes(excerpt ?? "");
        var plain = new byte[4 + errorBytes.Length + excerptBytes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(plain, errorBytes.Length);
        errorBytes.CopyTo(plain, 4);
        excerptBytes.CopyTo(plain, 4 + errorBytes.Length);
        return FieldCipher.Encrypt(key, plain, Context(receivedAtUnixMs, transport));
    }

    /// <exception cref="System.Security.Cryptography.CryptographicException">Altered, moved, or the wrong key.</exception>
    public static (string Errors, string Excerpt) Open(ReadOnlySpan<byte> key, long receivedAtUnixMs, string transport, ReadOnlySpan<byte> sealedLetter)
    {
        var plain = FieldCipher.Decrypt(key, sealedLetter, Context(receivedAtUnixMs, transport));
        var length = BinaryPrimitives.ReadInt32LittleEndian(plain);
        return (Encoding.UTF8.GetString(plain, 4, length), Encoding.UTF8.GetString(plain, 4 + length, plain.Length - 4 - length));
    }

    private static byte[] Context(long receivedAtUnixMs, string transport) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"dead-letter|{transport}|{receivedAtUnixMs}"));
}
