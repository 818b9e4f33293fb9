using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Fajma.Core.Messages;

/// <summary>
/// A device message's <c>signature</c>: <c>hmac-sha256:</c> + base64url(HMAC-SHA256(device secret, bytes)),
/// where the bytes are the RFC 8785 canonical JSON of the whole message without its <c>signature</c>
/// member (<see cref="CanonicalJson"/>). The same rule for both wire formats: the standard message
/// signs header and payload (header.checksum included), the flat ESP32 message signs all its fields.
/// The server checks it with the secret it issued at provisioning; an ESP32 computes it with mbedTLS.
/// </summary>
public static class MessageSignature
{
    public const string Prefix = "hmac-sha256:";
    public const string Member = "signature";

    /// <summary>The bytes a signature covers.</summary>
    public static byte[] SignedBytes(JsonElement message) => CanonicalJson.SerializeToUtf8(message, Member);

    public static string Sign(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> signedBytes) =>
        Prefix + System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(secret, signedBytes));

    /// <summary>
    /// Constant-time comparison, so response timing does not reveal how much of a forged signature was right. Checked on every
    /// reading, so the expected signature is written on the stack rather than as strings and arrays.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> signedBytes, string? signature)
    {
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, signedBytes, mac);
        Span<char> expected = stackalloc char[System.Buffers.Text.Base64Url.GetEncodedLength(HMACSHA256.HashSizeInBytes)];
        System.Buffers.Text.Base64Url.EncodeToChars(mac, expected);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(signature.AsSpan(Prefix.Length)));
    }
}
