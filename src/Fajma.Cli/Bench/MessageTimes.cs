using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>
/// A monotonic timestamp per message (device id, message key): the generator keeps when it sent each, the watchers when
/// each first arrived. Stopwatch timestamps are CLOCK_MONOTONIC on Linux, shared by every process of the machine, so the
/// bench joins the two files into publish → receive latency.
/// </summary>
internal sealed class MessageTimes
{
    private readonly ConcurrentDictionary<(string Device, string Key), long> _times = new();

    public int Count => _times.Count;

    /// <summary>A resend replaces the time: latency runs from the attempt that got through.</summary>
    public void Sent(string device, string key) => _times[(device, key)] = Stopwatch.GetTimestamp();

    /// <summary>Only the first receipt counts (a message's later observations and other watchers' copies do not).</summary>
    public bool Received(string device, string key) => _times.TryAdd((device, key), Stopwatch.GetTimestamp());

    public void Write(string path)
    {
        using var writer = new StreamWriter(path);
        foreach (var ((device, key), at) in _times) writer.Write(string.Create(CultureInfo.InvariantCulture, $"{device}\t{key}\t{at}\n"));
    }

    public static Dictionary<(string Device, string Key), long> Read(string path)
    {
        var times = new Dictionary<(string, string), long>();
        if (!File.Exists(path)) return times;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length == 3) times[(parts[0], parts[1])] = long.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        return times;
    }
}
