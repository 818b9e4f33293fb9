namespace Fajma.Devices.Tests.Outbox;

/// <summary>A fresh directory for one test's outbox file (with its -wal and -shm), removed afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fajma-outbox-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "outbox.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
