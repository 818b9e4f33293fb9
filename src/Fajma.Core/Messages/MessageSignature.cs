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
        Prefix + Base64Url(HMACSHA256.HashData(secret, signedBytes));

    /// <summary>Constant-time comparison, so response timing does not reveal how much of a forged signature was right.</summary>
    public static bool Verify(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> signedBytes, string? signature)
    {
        if (signature is null || !signature.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(secret, signedBytes));
        var presented = System.Text.Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
