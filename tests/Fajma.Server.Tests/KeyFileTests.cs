using Fajma.Server.Platform;
using Fajma.Server.Privacy;

namespace Fajma.Server.Tests;

/// <summary>
/// Nodes sharing a keys directory start at the same moment (a cluster, or two test hosts): before, one could read the
/// other's half-written key ("No supported key formats were found") or fail creating it. Every starter must end with
/// the one key that is on disk.
/// </summary>
public sealed class KeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fajma-keyfiles-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ManyStartersCreatingOneKeyAtOnceAllEndWithTheKeyOnDisk()
    {
        var path = Path.Combine(_directory, "keys", "jwt-signing.pem");
        using var start = new Barrier(8);

        var texts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return KeyFiles.ReadOrCreate(path, KeyFiles.NewP256Pem);
        })));

        Assert.Single(texts.Distinct());
        Assert.Equal(texts[0], await File.ReadAllTextAsync(path));
        Assert.Equal([path, $"{path}.lock"], Directory.GetFiles(Path.GetDirectoryName(path)!).Order()); // no temporary file left behind
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task MasterKeysLoadedAtOnceAreOneKey()
    {
        var path = Path.Combine(_directory, "master.key");
        using var start = new Barrier(6);

        var keys = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return MasterKey.Load(configured: null, path).Id;
        })));

        Assert.Single(keys.Distinct());
        // The file a server generates when no key is configured: readable by its owner only.
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
