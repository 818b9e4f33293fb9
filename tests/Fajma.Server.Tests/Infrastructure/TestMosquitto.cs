using Fajma.Server.Platform;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway Mosquitto 2 on 127.0.0.1 per test class, started by <c>scripts/mosquitto.sh</c> (Debian's mosquitto, which
/// scripts/setup.sh installs): its own port and persistence directory, so no session outlives the class. Missing
/// mosquitto fails the tests with the script's message; they never skip.
/// </summary>
public sealed class TestMosquitto : IAsyncDisposable
{
    private readonly string _directory;

    private TestMosquitto(string directory, int port) => (_directory, Port) = (directory, port);

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <param name="port">A port chosen beforehand (a node already pointed at it); a free one otherwise.</param>
    public static async Task<TestMosquitto> StartAsync(int? port = null)
    {
        var parent = Directory.CreateTempSubdirectory("fajma-mosquitto-").FullName;
        // Run as root, Debian's mosquitto drops to its own user, which must reach the directory below.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var directory = Path.Combine(parent, "broker");
        if (port is { } given) return await StartOnAsync(directory, given);
        return await LoopbackPorts.StartOnFreeAsync(chosen => StartOnAsync(directory, chosen));
    }

    private static async Task<TestMosquitto> StartOnAsync(string directory, int port)
    {
        await RunAsync("start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new TestMosquitto(directory, port);
    }

    /// <summary>
    /// A Mosquitto running the configuration <c>fajma broker config</c> wrote into <paramref name="configDirectory"/> (its TLS
    /// listener on <paramref name="port"/>, named there), with this run's persistence and log in a directory of its own.
    /// </summary>
    public static async Task<TestMosquitto> StartFromConfigAsync(string configDirectory, int port)
    {
        var directory = Path.Combine(OpenToMosquitto(Directory.CreateTempSubdirectory("fajma-mosquitto-").FullName), "broker");
        await RunAsync("start-config", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture), configDirectory);
        return new TestMosquitto(directory, port);
    }

    /// <summary>SIGHUP: Mosquitto 2 reads its certificates and CRL again (new connections see them).</summary>
    public Task ReloadAsync() => RunAsync("reload", _directory);

    /// <summary>SIGTERM: Mosquitto writes its database (sessions, queued and in-flight messages) and exits.</summary>
    public Task StopAsync() => RunAsync("stop", _directory);

    /// <summary>SIGKILL: nothing is written; what arrived since the last autosave (1 s here) is gone.</summary>
    public Task KillAsync() => RunAsync("kill", _directory);

    /// <summary>The same broker again on its port, reading the database it left (after <see cref="StopAsync"/> or <see cref="KillAsync"/>).</summary>
    public Task StartAgainAsync() => RunAsync("start-again", _directory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Mosquitto's own log for this run (why a handshake was refused).</summary>
    public string Log => File.Exists(Path.Combine(_directory, "mosquitto.log")) ? File.ReadAllText(Path.Combine(_directory, "mosquitto.log")) : "";

    /// <summary>Run as root, Debian's mosquitto drops to its own user, which must reach the directory below.</summary>
    public static string OpenToMosquitto(string parent)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return parent;
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", _directory);
        try
        {
            Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp: harmless.
        }
    }

    private static Task<string> RunAsync(params string[] args) => RepositoryScript.RunAsync("mosquitto.sh", "the external-broker and cluster tests need Debian's mosquitto", args);
}
