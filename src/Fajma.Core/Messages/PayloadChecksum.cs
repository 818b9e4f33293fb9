using System.Security.Cryptography;
using System.Text.Json;

namespace Fajma.Core.Messages;

/// <summary>
/// The standard message's <c>header.checksum</c>: <c>sha256:</c> followed by the lowercase hex
/// SHA-256 of the RFC 8785 canonical form of <c>payload</c> (see <see cref="CanonicalJson"/>).
/// The bare 64-hex-digit form is accepted too.
/// </summary>
public static class PayloadChecksum
{
    public const string Prefix = "sha256:";

    public static string Compute(JsonElement payload) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.SerializeToUtf8(payload)));

    /// <summary>Whether <paramref name="checksum"/> is that of the payload whose canonical bytes are <paramref name="canonicalPayload"/>; checked on the stack.</summary>
    public static bool Matches(ReadOnlySpan<byte> canonicalPayload, string checksum)
    {
        ArgumentNullException.ThrowIfNull(checksum);
        var hex = checksum.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? checksum.AsSpan(Prefix.Length) : checksum.AsSpan();
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        if (hex.Length != 2 * SHA256.HashSizeInBytes
            || Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != presented.Length)
            return false;
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonicalPayload, actual);
        return actual.SequenceEqual(presented);
    }
}
