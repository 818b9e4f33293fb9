using System.Diagnostics;
using System.Text.Json;
using Fajma.Server.Devices;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// The ESP32 firmware's core as a Linux process (firmware/esp32/host, <c>fajma-host-device</c>), built with CMake when
/// missing, given a provisioned bundle exactly as <c>fajma devices provision</c> writes it. Its stats file says what it
/// measured and what the broker acknowledged.
/// </summary>
internal sealed class HostDevice : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private readonly string _state;
    private static readonly JsonSerializerOptions s_snakeCase = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private HostDevice(Process process, string state)
    {
        _process = process;
        _state = state;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public string Output => string.Join('\n', _output.TakeLast(40));

    public static async Task<HostDevice> StartAsync(DeviceBundleDto bundle, int mqttTlsPort, string directory, int intervalMs, double heartRate = 72)
    {
        var binary = await BuildAsync();
        var bundleDirectory = Path.Combine(directory, "bundle");
        Directory.CreateDirectory(bundleDirectory);
        // The files `fajma devices provision` writes (DevicesCommand.WriteBundleAsync), the broker on this host's TLS port.
        await File.WriteAllTextAsync(Path.Combine(bundleDirectory, "ca.pem"), bundle.CaPem);
        await File.WriteAllTextAsync(Path.Combine(bundleDirectory, "device.pem"), bundle.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(bundleDirectory, "device.key"), bundle.KeyPem);
        await File.WriteAllTextAsync(Path.Combine(bundleDirectory, "device.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["deviceId"] = bundle.Device.Id, ["patientId"] = bundle.Device.PatientId ?? 0, ["secret"] = bundle.Secret,
            ["mqttUrl"] = $"mqtts://127.0.0.1:{mqttTlsPort}",
        }));
        var state = Path.Combine(directory, "state");
        var start = new ProcessStartInfo(binary, ["--bundle", bundleDirectory, "--state", state, "--interval-ms", intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--heart-rate", heartRate.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        return new HostDevice(Process.Start(start)!, state);
    }

    /// <summary>The device's own account; null until it wrote one.</summary>
    public DeviceStats? Stats()
    {
        var path = Path.Combine(_state, "stats.json");
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<DeviceStats>(File.ReadAllText(path), s_snakeCase);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null; // caught between write and rename: read again
        }
    }

    /// <summary>SIGTERM: the device stops measuring, drains its outbox (at most 5 s), writes its final stats and exits 0.</summary>
    public async Task<DeviceStats> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        Assert.True(_process.ExitCode == 0, $"fajma-host-device exited with {_process.ExitCode}:\n{Output}");
        return Stats()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>firmware/esp32/build/host/fajma-host-device, configured and built with CMake when it is not there yet.</summary>
    private static async Task<string> BuildAsync()
    {
        var root = RepositoryScript.Root();
        var source = Path.Combine(root, "firmware", "esp32");
        var build = Path.Combine(source, "build");
        var binary = Path.Combine(build, "host", "fajma-host-device");
        if (File.Exists(binary)) return binary;
        foreach (string[] args in (string[][])[["-S", source, "-B", build, "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], ["--build", build, "--target", "fajma-host-device", "-j2"]])
        {
            using var cmake = Process.Start(new ProcessStartInfo("cmake", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var error = cmake.StandardError.ReadToEndAsync();
            var output = await cmake.StandardOutput.ReadToEndAsync();
            await cmake.WaitForExitAsync();
            if (cmake.ExitCode != 0)
                throw new InvalidOperationException($"cmake {string.Join(' ', args)} failed: {await error}{output} — the firmware's host build needs Debian's cmake g++ libmbedtls-dev libmosquitto-dev libgtest-dev (scripts/setup.sh installs them).");
        }
        return binary;
    }

    internal sealed record DeviceStats(long Readings, long Alerts, long Acknowledged, long Refused, long Outbox, long Dropped, long IntervalMs,
        bool Monitoring, long Commands, string LastCommand, long ConnectAttempts, bool Connected, bool Final);
}
