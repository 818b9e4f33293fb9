using System.Security.Cryptography;
using System.Text;

namespace Fajma.Core.Crypto;

/// <summary>
/// Who a person is — names, e-mail addresses, dates of birth, phone numbers — as stored: <c>v1:{keyId}:{base64}</c>,
/// AES-256-GCM under a key derived from a master key, the column in the associated data (a name cannot be moved into
/// another column). Equality searches go through a blind index: a keyed HMAC of the normalised value, so the store
/// can find an e-mail address without holding it, and a stolen copy names no one.
/// </summary>
public static class IdentitySeal
{
    public const string Prefix = "v1:";
    public const int IndexLength = 22; // 16 bytes of HMAC-SHA256 in unpadded base64url

    /// <summary>The sealing key derived from a master key (HKDF-SHA256): the master key itself never encrypts a field.</summary>
    public static byte[] SealKey(ReadOnlySpan<byte> masterKey) => Derive(masterKey, "fajma identity seal v1");

    /// <summary>The blind-index key, distinct from the sealing key so one never helps attack the other.</summary>
    public static byte[] IndexKey(ReadOnlySpan<byte> masterKey) => Derive(masterKey, "fajma identity blind index v1");

    public static string Seal(ReadOnlySpan<byte> sealKey, string keyId, string column, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blob = FieldCipher.Encrypt(sealKey, Encoding.UTF8.GetBytes(text), Context(column));
        return string.Concat(Prefix, keyId, ":", Convert.ToBase64String(blob));
    }

    /// <summary>Splits a stored value; false for a value written before sealing (plain text).</summary>
    public static bool TryParse(string stored, out string keyId, out string payload)
    {
        ArgumentNullException.ThrowIfNull(stored);
        keyId = payload = "";
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var colon = stored.IndexOf(':', Prefix.Length);
        if (colon < 0) return false;
        (keyId, payload) = (stored[Prefix.Length..colon], stored[(colon + 1)..]);
        return true;
    }

    /// <exception cref="CryptographicException">Altered, moved from another column, or sealed under another key.</exception>
    public static string Open(ReadOnlySpan<byte> sealKey, string column, string payload)
    {
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(payload);
        }
        catch (FormatException e)
        {
            throw new CryptographicException($"{column}: not a sealed value", e);
        }
        return Encoding.UTF8.GetString(FieldCipher.Decrypt(sealKey, blob, Context(column)));
    }

    /// <summary>The blind index of <paramref name="value"/> in <paramref name="column"/>: equal after trimming, case folding and NFKC.</summary>
    public static string BlindIndex(ReadOnlySpan<byte> indexKey, string column, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var mac = HMACSHA256.HashData(indexKey, Encoding.UTF8.GetBytes($"{column}|{Normalise(value)}"));
        return Convert.ToBase64String(mac, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Normalise(string value) =>
        (value ?? throw new ArgumentNullException(nameof(value))).Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static byte[] Derive(ReadOnlySpan<byte> masterKey, string purpose)
    {
        if (masterKey.Length != FieldCipher.KeySize) throw new ArgumentException($"the master key must be {FieldCipher.KeySize} bytes", nameof(masterKey));
        var key = new byte[FieldCipher.KeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, key, salt: [], info: Encoding.UTF8.GetBytes(purpose));
        return key;
    }

    private static byte[] Context(string column) => Encoding.UTF8.GetBytes("identity|" + column);
}
