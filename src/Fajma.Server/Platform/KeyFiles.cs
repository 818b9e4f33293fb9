namespace Fajma.Server.Platform;

/// <summary>
/// Key files that the nodes of a cluster may create at the same moment (they share a keys directory). Creators take
/// turns on a lock file beside the key and re-check inside it; the key is written whole to a private temporary file
/// and renamed into place, so a reader never sees half a key and every node ends with the same one.
/// </summary>
public static class KeyFiles
{
    /// <summary>The file's text; if there is no file, <paramref name="create"/>'s — unless another node's got there first.</summary>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // link(2)-based "move unless taken" is not atomic everywhere (.NET falls back to check-then-rename): lock instead.
        using var turn = TakeTurn($"{path}.lock");
        if (File.Exists(path)) return File.ReadAllText(path);
        var text = create();
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        WritePrivate(temporary, text);
        File.Move(temporary, path, overwrite: true);
        return text;
    }

    /// <summary>
    /// The lock file opened exclusively (flock on Unix), waiting out another creator. It stays on disk: deleting it
    /// would let a waiter lock a name no one else sees.
    /// </summary>
    private static FileStream TakeTurn(string lockPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (attempt < 400)
            {
                Thread.Sleep(25); // key creation takes milliseconds; 10 s covers a slow disk
            }
        }
    }

    /// <summary>A new P-256 private key as PKCS#8 PEM (token signing, VAPID).</summary>
    public static string NewP256Pem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Writes a new file only its owner can read (0600), failing if it exists.</summary>
    public static void WritePrivate(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, options);
        writer.Write(text);
    }
}
