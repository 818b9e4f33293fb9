using System.Globalization;
using System.Security.Cryptography;
using Fajma.Core.Crypto;

namespace Fajma.Server.Storage;

/// <summary>
/// The keys that seal identity columns (<see cref="IdentitySeal"/>), one pair per master key the server holds: values
/// are written under <see cref="WriterId"/> and read under whichever key sealed them. While a master-key rotation is under
/// way both keys are here, and the writer is the new one.
/// </summary>
public sealed class IdentityKeyring
{
    private readonly Dictionary<string, (byte[] Seal, byte[] Index)> _keys;

    /// <param name="masterKeys">Each master key by its id; the writer first.</param>
    public IdentityKeyring(IReadOnlyList<(string Id, byte[] MasterKey)> masterKeys)
    {
        ArgumentNullException.ThrowIfNull(masterKeys);
        if (masterKeys.Count == 0) throw new ArgumentException("at least one master key", nameof(masterKeys));
        // Ids go into stored values and the resealing pass's SQL patterns: letters and digits only.
        if (masterKeys.Any(k => k.Id.Length == 0 || !k.Id.All(char.IsAsciiLetterOrDigit))) throw new ArgumentException("key ids are letters and digits", nameof(masterKeys));
        _keys = masterKeys.ToDictionary(k => k.Id, k => (IdentitySeal.SealKey(k.MasterKey), IdentitySeal.IndexKey(k.MasterKey)), StringComparer.Ordinal);
        WriterId = masterKeys[0].Id;
        KnownIds = [.. masterKeys.Select(k => k.Id)];
        Fingerprint = string.Join(',', KnownIds);
    }

    public string WriterId { get; }

    public IReadOnlyList<string> KnownIds { get; }

    /// <summary>Names the EF model built with these keys: hosts holding the same keys share one model and its query cache.</summary>
    public string Fingerprint { get; } // asked at every context's creation (the model cache key): computed once

    public string Seal(string column, string text) => IdentitySeal.Seal(_keys[WriterId].Seal, WriterId, column, text);

    /// <summary>The value as written; a value from before sealing (no prefix) is returned as it is, and sealed by the start-up pass.</summary>
    /// <exception cref="CryptographicException">Altered, moved, or sealed under a master key this server does not hold.</exception>
    public string Open(string column, string stored)
    {
        if (!IdentitySeal.TryParse(stored, out var keyId, out var payload)) return stored;
        if (!_keys.TryGetValue(keyId, out var keys))
            throw new CryptographicException($"{column} is sealed under master key {keyId}, which this server does not hold");
        return IdentitySeal.Open(keys.Seal, column, payload);
    }

    public string SealDate(string column, DateOnly date) => Seal(column, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public DateOnly OpenDate(string column, string stored) => DateOnly.ParseExact(Open(column, stored), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The blind index a new or changed value is stored with.</summary>
    public string Index(string column, string value) => IdentitySeal.BlindIndex(_keys[WriterId].Index, column, value);

    /// <summary>The value's index under every key held: a lookup finds rows not yet re-indexed by a rotation.</summary>
    public string[] Indexes(string column, string value) => [.. KnownIds.Select(id => IdentitySeal.BlindIndex(_keys[id].Index, column, value))];
}
