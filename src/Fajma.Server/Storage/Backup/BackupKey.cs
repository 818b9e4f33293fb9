using System.Security.Cryptography;

namespace Fajma.Server.Storage.Backup;

/// <summary>
/// The key that seals backup archives: 32 random bytes in base64, in a file of its own (owner read/write only).
/// It is neither the master key nor kept with the data, and never written inside an archive; only its <see cref="Id"/> is.
/// </summary>
public sealed class BackupKey
{
    public const int Size = 32;
    private readonly byte[] _key;

    public BackupKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Size) throw new ArgumentException($"a backup key is {Size} bytes", nameof(key));
        _key = key;
        Id = Convert.ToHexString(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>The start of the key's SHA-256: names the key an archive needs without revealing it.</summary>
    public string Id { get; }

    public ReadOnlySpan<byte> Bytes => _key;

    public static BackupKey New() => new(RandomNumberGenerator.GetBytes(Size));

    /// <exception cref="BackupException">The file is missing or holds no 32-byte base64 key.</exception>
    public static BackupKey Load(string path)
    {
        if (!File.Exists(path)) throw new BackupException($"backup key {path} not found (create one with `fajma backup keygen --key {path}`)");
        try
        {
            return new BackupKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new BackupException($"{path}: a backup key is {Size} bytes in base64", e);
        }
    }

    /// <summary>Writes the key to a new file only its owner can read; never overwrites one (an archive may depend on it).</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(PrivateFile.Create(path));
        writer.Write(Convert.ToBase64String(_key));
    }
}
