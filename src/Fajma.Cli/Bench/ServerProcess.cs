using Fajma.Server.Platform;
using System.Diagnostics;
using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>
/// A server under test in its own process (this same <c>fajma</c> binary running <c>serve</c>) with a
/// fresh data directory and free ports, so its CPU and memory are measured apart from the load generator.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _ownDirectory;

    private ServerProcess(Process process, string dataDirectory, bool ownsDirectory, Uri url, Uri httpsUrl, int mqttPort, int mqttTlsPort)
    {
        HttpsUrl = httpsUrl;
        _process = process;
        DataDirectory = dataDirectory;
        _ownDirectory = ownsDirectory ? dataDirectory : null;
        Url = url;
        MqttPort = mqttPort;
        MqttTlsPort = mqttTlsPort;
    }

    public const string AdminEmail = "bench-admin@fajma.local";

    /// <summary>A fresh random password per run: the throw-away server is never reachable with a known one.</summary>
    public static readonly string AdminPassword = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    public Uri Url { get; }

    /// <summary>HTTPS (its certificate from the platform CA), where devices may present their client certificates.</summary>
    public Uri HttpsUrl { get; }

    public int MqttPort { get; }

    /// <summary>MQTT over TLS with device client certificates.</summary>
    public int MqttTlsPort { get; }

    public int ProcessId => _process.Id;

    /// <summary>Its store (<c>fajma.db</c> with SQLite) and keys.</summary>
    public string DataDirectory { get; }

    /// <summary>The server died (or was stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <param name="sharedDirectory">The data directory of a cluster's nodes (their shared keys), kept afterwards; unset, a fresh one per server.</param>
    /// <param name="build">Another build's <c>fajma.dll</c>, folder or checkout to run as the server; unset, this build.</param>
    public static async Task<ServerProcess> StartAsync(IEnumerable<string> extraArgs, CancellationToken cancellationToken, string? sharedDirectory = null,
        string? build = null)
    {
        var dataDirectory = sharedDirectory ?? Directory.CreateTempSubdirectory("fajma-bench-").FullName;
        var httpPort = LoopbackPorts.Free();
        var httpsPort = LoopbackPorts.Free();
        var mqttPort = LoopbackPorts.Free();
        var mqttTlsPort = LoopbackPorts.Free();
        var start = FajmaLauncher.StartInfo(build, ["serve", $"--Urls=http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}", $"--Mqtt:Port={mqttPort}", $"--Mqtt:TlsPort={mqttTlsPort}",
            $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning",
            $"--Auth:BootstrapAdminEmail={AdminEmail}", $"--Auth:BootstrapAdminPassword={AdminPassword}",
            // Registering the fleet and signing its watchers in is set-up, not what is measured.
            "--RateLimits:UserRequestsPerSecond=100000", "--RateLimits:LoginPerMinute=100000"]);
        foreach (var arg in extraArgs) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, dataDirectory, ownsDirectory: sharedDirectory is null, new Uri($"http://127.0.0.1:{httpPort}"),
            new Uri($"https://127.0.0.1:{httpsPort}"), mqttPort, mqttTlsPort);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync(cancellationToken);
        return server;
    }

    private const int KeptLines = 2000;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>The server's last lines of output (warnings and errors at the bench's log level), for a report to say what went wrong.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }

    /// <summary>User + system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Peak resident memory (VmHWM) in bytes, from /proc.</summary>
    public long PeakMemoryBytes() => ProcessCpu.PeakMemoryBytes(_process.Id);

    /// <summary>Waits for <c>/health/ready</c>: the store, the broker subscription and Redis answer.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) => WaitHealthyAsync(cancellationToken, "/health/ready");

    private async Task WaitHealthyAsync(CancellationToken cancellationToken, string path = "/health")
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with code {_process.ExitCode}");
            try
            {
                using var response = await http.GetAsync(new Uri(Url, path), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException("the server did not become healthy within 60 s");
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_ownDirectory is null) return;
        try
        {
            Directory.Delete(_ownDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
