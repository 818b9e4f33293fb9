using System.Diagnostics;
using Fajma.Server.Platform;

namespace Fajma.Cli.Bench;

/// <summary>The repository's scripts that start the engines benches run on (Debian's Mosquitto, Redis).</summary>
internal static class BenchScripts
{
    public static async Task<string> RunAsync(string script, string[] args, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(RepositoryRoot(), "scripts", script);
        using var process = Process.Start(new ProcessStartInfo(path, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/{script} {string.Join(' ', args)}: {(await error).Trim()}");
        return await output;
    }

    /// <summary>
    /// <c>scripts/SCRIPT start DIRECTORY PORT</c> on a port chosen here, again on another if the engine could not bind it
    /// (another process took it meanwhile: the script waits for the engine itself to hold its port, and fails otherwise).
    /// </summary>
    public static Task<(int Port, string Output)> StartOnFreePortAsync(string script, string directory, CancellationToken cancellationToken) =>
        LoopbackPorts.StartOnFreeAsync(async port =>
            (port, await RunAsync(script, ["start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken)));

    /// <summary>These benches run from a checkout: its scripts start the engines.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "mosquitto.sh"))) return directory.FullName;
        throw new InvalidOperationException("this bench runs from a checkout of the repository (scripts/mosquitto.sh not found above the binary)");
    }
}
