using System.Diagnostics;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>The server in its own OS process, so a test can kill it with SIGKILL and start it again on the same data.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, int httpPort, int mqttPort)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Fajma.Server.dll"), $"--Urls=http://127.0.0.1:{httpPort}",
                     $"--Mqtt:Port={mqttPort}", $"--Mqtt:TlsPort={TestPorts.Free()}", $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning",
                     $"--Auth:BootstrapAdminEmail={FajmaHost.AdminEmail}", $"--Auth:BootstrapAdminPassword={FajmaHost.Password}"])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        using var http = new HttpClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(process.HasExited, $"the server exited with code {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                using var response = await http.GetAsync(new Uri(server.Url, "/health"), deadline.Token);
                if (response.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, exactly what a power cut or OOM kill does to the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
