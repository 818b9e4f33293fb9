using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fajma.Cli.Bench;

/// <summary>
/// A monotonic timestamp per message (device id, message key): the generator keeps when it sent each, the watchers when
/// each first arrived. Stopwatch timestamps are CLOCK_MONOTONIC on Linux, shared by every process of the machine, so the
/// bench joins the two files into publish → receive latency.
/// </summary>
/// <remarks>
/// Kept without an object per message (a device's number and a 128-bit digest of the key, in one table's arrays): an
/// entry that is an object lives the whole run, so every collection of a generator or a watcher copied the newest ones,
/// and those pauses, tens of milliseconds, were counted as the server's latency.
/// </remarks>
internal sealed class MessageTimes
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _deviceNumbers = [];
    private readonly List<string> _devices = [];
    private readonly Dictionary<(int Device, UInt128 Key), long> _times = [];

    public int Count
    {
        get
        {
            lock (_gate) return _times.Count;
        }
    }

    /// <summary>A resend replaces the time: latency runs from the attempt that got through.</summary>
    public void Sent(string device, string key)
    {
        var at = Stopwatch.GetTimestamp();
        var digest = Digest(key);
        lock (_gate) _times[(Number(device), digest)] = at;
    }

    /// <summary>Only the first receipt counts (a message's later observations and other watchers' copies do not).</summary>
    public bool Received(string device, string key)
    {
        var at = Stopwatch.GetTimestamp();
        var digest = Digest(key);
        lock (_gate) return _times.TryAdd((Number(device), digest), at);
    }

    public void Write(string path)
    {
        using var writer = new StreamWriter(path);
        lock (_gate)
            foreach (var ((device, key), at) in _times)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{_devices[device]}\t{key:x32}\t{at}\n"));
    }

    public static Dictionary<(string Device, UInt128 Key), long> Read(string path)
    {
        var times = new Dictionary<(string, UInt128), long>();
        if (!File.Exists(path)) return times;
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length == 3)
                times[(string.Intern(parts[0]), UInt128.Parse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))] =
                    long.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        return times;
    }

    private int Number(string device)
    {
        if (_deviceNumbers.TryGetValue(device, out var number)) return number;
        _devices.Add(device);
        return _deviceNumbers[device] = _devices.Count - 1;
    }

    /// <summary>The same in every process (unlike <see cref="string.GetHashCode()"/>); two keys of one device never meet by chance.</summary>
    private static UInt128 Digest(string key)
    {
        Span<byte> utf8 = stackalloc byte[256];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetByteCount(key) <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(key, utf8)] : Encoding.UTF8.GetBytes(key);
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
