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

    public static bool Matches(JsonElement payload, string checksum)
    {
        var hex = checksum.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? checksum[Prefix.Length..] : checksum;
        if (hex.Length != 64) return false;
        var expected = Compute(payload).AsSpan(Prefix.Length);
        return expected.Equals(hex, StringComparison.OrdinalIgnoreCase);
    }
}
