using System.Diagnostics;

namespace Fajma.Cli.Bench;

/// <summary>
/// How to start a <c>fajma</c> process: this build (the running binary, or <c>dotnet fajma.dll</c> when hosted by
/// <c>dotnet</c>, as under a test host), or another build given as its <c>fajma.dll</c>, its output folder or a checkout.
/// </summary>
internal static class FajmaLauncher
{
    public static ProcessStartInfo StartInfo(string? build, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        var self = Environment.ProcessPath!;
        if (build is null && Path.GetFileNameWithoutExtension(self) == "fajma") start.FileName = self;
        else
        {
            start.FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
                : Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
            start.ArgumentList.Add(build is null ? typeof(FajmaLauncher).Assembly.Location : Resolve(build));
        }
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>The <c>fajma.dll</c> of <paramref name="build"/>; null when there is none (the option's validation says so).</summary>
    public static string? TryResolve(string build)
    {
        string[] candidates = File.Exists(build) ? [build]
            : [Path.Combine(build, "fajma.dll"), Path.Combine(build, "artifacts", "bin", "Fajma.Cli", "release", "fajma.dll")];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(c => c.EndsWith(".dll", StringComparison.Ordinal) && File.Exists(c));
    }

    private static string Resolve(string build) =>
        TryResolve(build) ?? throw new FileNotFoundException($"--server {build}: no fajma.dll there (give a fajma.dll, its folder or a built checkout)");
}
