using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fajma.Server.Storage;

namespace Fajma.Server.Privacy;

/// <summary>
/// The audit trail's hash chain: each entry's hash is SHA-256 over the previous entry's hash and the
/// entry's own fields (as a JSON array, so no field can bleed into another). The first entry follows
/// <see cref="Genesis"/>. Pure: the writer and <c>fajma audit verify</c> compute it the same way.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(previousHash);
            json.WriteNumberValue(entry.Id);
            json.WriteNumberValue(entry.At.ToUnixTimeMilliseconds());
            Write(json, entry.ActorId?.ToString(CultureInfo.InvariantCulture));
            Write(json, entry.ActorRole);
            json.WriteStringValue(entry.Action);
            Write(json, entry.PatientId?.ToString(CultureInfo.InvariantCulture));
            Write(json, entry.Target);
            Write(json, entry.Source);
            Write(json, entry.Detail);
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter json, string? value)
    {
        if (value is null) json.WriteNullValue();
        else json.WriteStringValue(value);
    }

    /// <summary>The first entry that does not follow from the ones before it, with why; null when the chain holds.</summary>
    public static (long Id, string Problem)? FirstBreak(IEnumerable<AuditEntry> entriesInIdOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInIdOrder);
        var previous = Genesis;
        long expectedId = 1;
        foreach (var entry in entriesInIdOrder)
        {
            if (entry.Id != expectedId) return (entry.Id, $"entries {expectedId}–{entry.Id - 1} are missing (deleted)");
            if (entry.PreviousHash != previous) return (entry.Id, "does not follow the entry before it (that one was edited or deleted)");
            if (Hash(previous, entry) != entry.Hash) return (entry.Id, "its content was edited after it was written");
            previous = entry.Hash;
            expectedId++;
        }
        return null;
    }

    internal static string Describe(AuditEntry e) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"#{e.Id} {e.At:O} {e.Action} by {e.ActorRole}:{e.ActorId} patient {e.PatientId}").ToString();
}
