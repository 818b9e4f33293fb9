using System.Diagnostics;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// Runs one of the repository's <c>scripts/</c> (which start and stop the Debian engines the tests use) and returns what it
/// printed; a failure names the script, its arguments, what it said, and what the tests need.
/// </summary>
internal static class RepositoryScript
{
    /// <param name="needs">What a failure most likely means, e.g. "the cluster tests need Debian's redis-server".</param>
    public static Task<string> RunAsync(string script, string needs, params string[] args) =>
        RunAsync(script, needs, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables the script reads besides its arguments.</param>
    public static async Task<string> RunAsync(string script, string needs, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Root(), "scripts", script), args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/{script} {string.Join(' ', args)} failed ({process.ExitCode}): {(await error).Trim()} — {needs} (scripts/setup.sh installs it).");
        return output;
    }

    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "mosquitto.sh"))) return directory.FullName;
        throw new InvalidOperationException($"scripts/ not found above {AppContext.BaseDirectory}");
    }
}
