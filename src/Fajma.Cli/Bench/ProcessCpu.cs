using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>CPU time and peak memory of any process on this machine, read from /proc (server, generator, watchers, Mosquitto alike).</summary>
internal static class ProcessCpu
{
    /// <summary>utime + stime of <paramref name="pid"/>; zero once it is gone.</summary>
    public static TimeSpan Of(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>Peak resident memory (VmHWM) in bytes.</summary>
    public static long PeakMemoryBytes(int pid) => StatusBytes(pid, "VmHWM:");

    /// <summary>Resident memory now (VmRSS) in bytes.</summary>
    public static long ResidentMemoryBytes(int pid) => StatusBytes(pid, "VmRSS:");

    private static long StatusBytes(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
