namespace Fajma.Server.Platform;

/// <summary>
/// Key files that the nodes of a cluster may create at the same moment (they share a keys directory). A key is written
/// whole to a private temporary file, then linked into place only if no other node's is there yet: a reader never sees
/// half a key, and every node ends with the same one.
/// </summary>
public static class KeyFiles
{
    /// <summary>The file's text; if there is no file, <paramref name="create"/>'s — unless another node's got there first.</summary>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = create();
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        WritePrivate(temporary, text);
        try
        {
            // Without overwrite, .NET moves with link(2) on Unix: it fails, atomically, when the name is taken.
            File.Move(temporary, path, overwrite: false);
            return text;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return File.ReadAllText(path);
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
