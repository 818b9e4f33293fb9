namespace Fajma.Server.Storage.Backup;

/// <summary>Files a backup or restore writes (keys, archives, the store's copy): created new, readable by their owner only.</summary>
internal static class PrivateFile
{
    public static FileStream Create(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }
}
