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
    public static Task<ServerProcess> StartAsync(IEnumerable<string> extraArgs, CancellationToken cancellationToken, string? sharedDirectory = null,
        string? build = null) => StartAsync(extraArgs, LoopbackPorts.Free, cancellationToken, sharedDirectory, build);

    /// <param name="choosePort">Where its ports come from (a test hands out one another server holds).</param>
    internal static async Task<ServerProcess> StartAsync(IEnumerable<string> extraArgs, Func<int> choosePort, CancellationToken cancellationToken,
        string? sharedDirectory = null, string? build = null)
    {
        var dataDirectory = sharedDirectory ?? Directory.CreateTempSubdirectory("fajma-bench-").FullName;
        // Another process on this machine may take a port between its choice and the server's bind (the tests start
        // servers side by side): that server exits, and the start is tried again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(extraArgs, choosePort, dataDirectory, sharedDirectory is null, build);
            try
            {
                await server.WaitStartedAsync(cancellationToken);
                await server.WaitHealthyAsync(cancellationToken);
                return server;
            }
            catch (ServerExitedException) when (attempt < StartAttempts)
            {
                await server.DisposeAsync(keepDirectory: true);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private const int StartAttempts = 3;

    private static ServerProcess Launch(IEnumerable<string> extraArgs, Func<int> choosePort, string dataDirectory, bool ownsDirectory, string? build)
    {
        var (httpPort, httpsPort, mqttPort, mqttTlsPort) = (choosePort(), choosePort(), choosePort(), choosePort());
        var start = FajmaLauncher.StartInfo(build, ["serve", $"--Urls=http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}", $"--Mqtt:Port={mqttPort}", $"--Mqtt:TlsPort={mqttTlsPort}",
            $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning",
            // Its own "Application started" says it holds its ports: a /health answer alone could come from another server.
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            $"--Auth:BootstrapAdminEmail={AdminEmail}", $"--Auth:BootstrapAdminPassword={AdminPassword}",
            // Registering the fleet and signing its watchers in is set-up, not what is measured.
            "--RateLimits:UserRequestsPerSecond=100000", "--RateLimits:LoginPerMinute=100000"]);
        foreach (var arg in extraArgs) start.ArgumentList.Add(arg);
        // The server as the image runs it (deploy/Dockerfile): two glibc arenas, unless the bench's caller says otherwise.
        start.Environment.TryAdd("MALLOC_ARENA_MAX", "2");
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, dataDirectory, ownsDirectory, new Uri($"http://127.0.0.1:{httpPort}"),
            new Uri($"https://127.0.0.1:{httpsPort}"), mqttPort, mqttTlsPort);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Until the process itself says it started (every port bound, every hosted service up), or it exits.</summary>
    private async Task WaitStartedAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        var exited = _process.WaitForExitAsync(stop.Token);
        if (await Task.WhenAny(_started.Task, exited) == _started.Task)
        {
            await stop.CancelAsync(); // the exit is no longer awaited
            return;
        }
        try
        {
            await exited;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the server did not start within 60 s:\n{LastLines()}");
        }
        throw new ServerExitedException($"the server exited with code {_process.ExitCode} before it started:\n{LastLines()}");
    }

    private string LastLines() => string.Join('\n', Output.TakeLast(20));

    private sealed class ServerExitedException(string message) : Exception(message);

    private const int KeptLines = 2000;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>The server's last lines of output (warnings and errors at the bench's log level), for a report to say what went wrong.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The server's warnings and errors (the console logger's "warn:"/"fail:" line, then its message), most frequent first, device ids folded.</summary>
    public IEnumerable<(string Message, int Count)> Warnings()
    {
        var output = Output;
        return output.Select((line, i) => (line, next: i + 1 < output.Count ? output[i + 1].Trim() : ""))
            .Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.next, "'(FLOOD|PROBE|BENCH)-[0-9]+'", "'…'"))
            .GroupBy(m => m.Length > 300 ? m[..300] : m).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.Contains("Application started.", StringComparison.Ordinal)) _started.TrySetResult();
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
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with code {_process.ExitCode}:\n{LastLines()}");
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


    public ValueTask DisposeAsync() => DisposeAsync(keepDirectory: false);

    private async ValueTask DisposeAsync(bool keepDirectory)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_ownDirectory is null || keepDirectory) return;
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
