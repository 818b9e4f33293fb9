using System.Security.Cryptography;
using Fajma.Server.Platform;
using Fajma.Core.Crypto;

namespace Fajma.Server.Privacy;

/// <summary>
/// The key that wraps every patient's data key. It never touches the database; its <see cref="Id"/>
/// (the start of its SHA-256) is stored beside each wrapped key to tell which master wrapped it.
/// </summary>
public sealed class MasterKey
{
    private readonly byte[] _key;

    public MasterKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != FieldCipher.KeySize) throw new ArgumentException($"the master key must be {FieldCipher.KeySize} bytes", nameof(key));
        _key = key;
        Id = Convert.ToHexString(SHA256.HashData(key).AsSpan(0, 8));
    }

    public string Id { get; }

    public ReadOnlySpan<byte> Bytes => _key;

    public static MasterKey New() => new(RandomNumberGenerator.GetBytes(FieldCipher.KeySize));

    public static MasterKey FromBase64(string text, string source)
    {
        try
        {
            return new MasterKey(Convert.FromBase64String(text.Trim()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"{source}: the master key must be {FieldCipher.KeySize} bytes in base64", e);
        }
    }

    /// <summary>The configured key, else the one in <paramref name="path"/>, created (owner read/write only) if missing.</summary>
    public static MasterKey Load(string? configured, string path)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return FromBase64(configured, "Encryption:MasterKey");
        return FromBase64(KeyFiles.ReadOrCreate(path, () => Convert.ToBase64String(New()._key)), path);
    }

    /// <summary>The key being rotated to (<c>master.key.next</c>), written before any data key is rewrapped under it.</summary>
    public static string NextPath(string path) => path + ".next";

    /// <summary>Writes the key as base64 to a new file only its owner can read.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        KeyFiles.WritePrivate(path, Convert.ToBase64String(_key));
    }
}
