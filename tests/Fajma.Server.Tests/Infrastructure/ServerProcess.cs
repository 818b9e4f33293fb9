using Fajma.Server.Platform;
using System.Diagnostics;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// The server in its own OS process, so a test can kill it with SIGKILL (or stop it with SIGTERM) and start it again
/// on the same data; several make a cluster. Its output is kept for the failure message.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The last lines the server wrote, for a failure message.</summary>
    public string Output => string.Join('\n', _output.TakeLast(80));

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The server's process id (the <c>dotnet</c> host runs the server in it).</summary>
    public int Pid => _process.Id;

    /// <summary>Resident memory of the process now (<c>VmRSS</c> in <c>/proc/PID/status</c>), in MiB; 0 once it has exited.</summary>
    public double RssMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <param name="settings">More <c>--Section:Key=value</c> settings (a cluster node's broker, store and Redis).</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, int httpPort, int mqttPort, params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Fajma.Server.dll"), $"--Urls=http://127.0.0.1:{httpPort}",
                     $"--Mqtt:Port={mqttPort}", $"--Mqtt:TlsPort={LoopbackPorts.Free()}", $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning",
                     // Its own "Application started" says it holds its ports: a /health answer alone could come from another server.
                     "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
                     $"--Auth:BootstrapAdminEmail={FajmaHost.AdminEmail}", $"--Auth:BootstrapAdminPassword={FajmaHost.Password}", .. settings])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.UntilReadyAsync(StartDeadline);
            return server;
        }
        catch
        {
            // Not ready in time (or exited): no process left behind.
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>How long a start may take until <c>/health</c> answers (generous: the machine may be busy with other builds).</summary>
    public static TimeSpan StartDeadline { get; } = TimeSpan.FromSeconds(120);

    private async Task UntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            Assert.False(_process.HasExited, $"the server exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            // Asked only once the process itself has started: until then a /health answer could be another server's.
            if (_started.Task.IsCompleted && await HealthyAsync(http)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the server was not ready within {within.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    private async Task<bool> HealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Url, "/health"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false; // too busy to answer in time
        }
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, exactly what a power cut or OOM kill does to the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a node: the server drains and exits by itself; waits for the exit.</summary>
    public async Task TerminateAsync(TimeSpan deadline)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
    }

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.Contains("Application started.", StringComparison.Ordinal)) _started.TrySetResult();
        _output.Enqueue(line);
        while (_output.Count > 400) _output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
