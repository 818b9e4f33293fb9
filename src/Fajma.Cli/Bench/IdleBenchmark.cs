using System.Runtime.InteropServices;

namespace Fajma.Cli.Bench;

/// <summary>
/// <c>fajma bench idle</c>: the same offered rate twice, side by side — from a few busy devices, then from many quiet ones
/// (the seed's one reading per 5 s). What the many connections cost is the difference: throughput, latency, memory per
/// connection. Each run is <c>bench ingest</c>'s, with its generator and watchers in processes of their own; with
/// <c>--server</c> given more than once, each build in turn.
/// </summary>
internal static class IdleBenchmark
{
    public static async Task<IdleReport> RunAsync(IdleSettings settings, CancellationToken cancellationToken)
    {
        // Each connection is a descriptor in the server and one in the generator; children inherit the limit.
        RaiseOpenFileLimit(settings.Quiet.Devices + 4096);
        var directory = Directory.CreateTempSubdirectory("fajma-bench-idle-").FullName;
        try
        {
            // Build after build, each busy then quiet: a comparison of builds sees the same hour of a shared machine.
            var comparisons = new List<IdleComparison>();
            foreach (var build in settings.Quiet.Servers)
            {
                var name = IngestBenchmark.BuildLabel(build);
                string Label(IngestSettings s) => settings.Quiet.Servers.Count == 1 ? s.Label() : $"{name}: {s.Label()}";
                var busy = await IngestBenchmark.RunFajmaAsync(settings.Busy, build, directory, cancellationToken, Label(settings.Busy));
                var quiet = await IngestBenchmark.RunFajmaAsync(settings.Quiet, build, directory, cancellationToken, Label(settings.Quiet));
                comparisons.Add(new IdleComparison(name, busy, quiet));
            }
            return new IdleReport(settings, comparisons);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Label(this IngestSettings s) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Devices:N0} devices × {s.RateHz:G4} Hz");

    /// <summary>Raises this process's open-file limit (soft and, where allowed, hard) so that its children may hold that many sockets.</summary>
    private static void RaiseOpenFileLimit(int wanted)
    {
        if (!OperatingSystem.IsLinux() || getrlimit(RlimitNoFile, out var limit) != 0 || limit.Current >= (ulong)wanted) return;
        var raised = new RLimit { Current = (ulong)wanted, Maximum = Math.Max(limit.Maximum, (ulong)wanted) };
        if (setrlimit(RlimitNoFile, ref raised) == 0) return;
        // Not allowed past the hard limit (not root): as far as it goes, and say what is missing.
        raised = limit with { Current = limit.Maximum };
        _ = setrlimit(RlimitNoFile, ref raised);
        Spectre.Console.AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture,
            $"[yellow]open files are limited to {limit.Maximum} (ulimit -Hn) and {wanted} are wanted: devices past it will fail to connect[/]");
    }

    private const int RlimitNoFile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrlimit(int resource, out RLimit limit);

    [DllImport("libc", SetLastError = true)]
    private static extern int setrlimit(int resource, ref RLimit limit);
}
