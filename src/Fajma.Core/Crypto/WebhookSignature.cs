using System.Security.Cryptography;
using System.Text;

namespace Fajma.Core.Crypto;

/// <summary>
/// The signature on HTTP callbacks in both directions (alert webhooks Fajma sends, gateway status callbacks it
/// receives): <c>sha256=HEX(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>, the timestamp in Unix seconds so a receiver
/// can refuse replays.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + 1 + body.Length];
        var n = Encoding.UTF8.GetBytes(timestamp, signed);
        signed[n] = (byte)'.';
        body.CopyTo(signed.AsSpan(n + 1));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when <paramref name="header"/> signs the body and the timestamp is within <paramref name="window"/> of now.</summary>
    public static bool Verify(string secret, string? timestamp, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        if (timestamp is null || header is null || !header.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)) return false;
        if (Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Ticks) > window.Ticks) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header[Prefix.Length..]));
    }
}
