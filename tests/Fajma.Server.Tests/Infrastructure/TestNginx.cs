using Fajma.Server.Platform;
using System.Globalization;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway nginx on 127.0.0.1 with the production configuration (deploy/nginx), started by <c>scripts/nginx.sh</c>
/// (Debian's nginx, which scripts/setup.sh installs), including the HTTPS device listener. Missing nginx fails the
/// tests with the script's message; they never skip.
/// </summary>
public sealed class TestNginx : IAsyncDisposable
{
    private readonly string _directory;

    private TestNginx(string directory, Uri http, Uri https, Uri devices) => (_directory, Http, Https, Devices) = (directory, http, https, devices);

    /// <summary>The browsers' plain-HTTP listener.</summary>
    public Uri Http { get; }

    /// <summary>The browsers' HTTPS listener (no client certificate asked for).</summary>
    public Uri Https { get; }

    /// <summary>The devices' HTTPS listener (a client certificate asked for and forwarded).</summary>
    public Uri Devices { get; }

    public static async Task<TestNginx> StartAsync(params Uri[] nodes)
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("fajma-nginx-").FullName, "nginx");
        int http = LoopbackPorts.Free(), https = LoopbackPorts.Free(), devices = LoopbackPorts.Free();
        await RepositoryScript.RunAsync("nginx.sh", "the load-balancer tests need Debian's nginx",
            new Dictionary<string, string> { ["FAJMA_NGINX_DEVICE_PORT"] = Port(devices) },
            ["start", directory, Port(http), Port(https), .. nodes.Select(n => n.ToString())]);
        return new TestNginx(directory, new Uri($"http://127.0.0.1:{http}"), new Uri($"https://127.0.0.1:{https}"), new Uri($"https://127.0.0.1:{devices}"));
    }

    public async ValueTask DisposeAsync()
    {
        await RepositoryScript.RunAsync("nginx.sh", "the load-balancer tests need Debian's nginx", "stop", _directory);
        try
        {
            Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp: harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by nginx's workers (www-data) when run as root: harmless in /tmp.
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
