using System.Net;
using System.Net.Sockets;
using Fajma.Server.Platform;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// The engines the tests start (Mosquitto, Redis) on a port chosen beforehand: a port another process took meanwhile is
/// reported as such, never mistaken for the engine because something accepts connections there.
/// </summary>
public sealed class TestEngineStartTests
{
    [Theory]
    [InlineData("mosquitto.sh")]
    [InlineData("redis.sh")]
    public async Task AnEngineThatCannotBindItsPortFailsToStartInsteadOfPassingForTheListenerThere(string script)
    {
        var port = LoopbackPorts.Free();
        using var other = new TcpListener(IPAddress.Loopback, port);
        other.Start();
        var directory = Path.Combine(TestMosquitto.OpenToMosquitto(Directory.CreateTempSubdirectory("fajma-engine-").FullName), "engine");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RepositoryScript.RunAsync(script, "Debian's mosquitto and redis-server", "start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("taken by another process", refused.Message);
        await RepositoryScript.RunAsync(script, "Debian's mosquitto and redis-server", "stop", directory);
    }

    [Fact]
    public async Task TheSameEngineOnAFreePortStartsAndStops()
    {
        await using var broker = await TestMosquitto.StartAsync();
        await using var redis = await TestRedis.StartAsync();
        using var mqtt = new TcpClient();
        await mqtt.ConnectAsync(IPAddress.Loopback, broker.Port);
        using var cache = new TcpClient();
        await cache.ConnectAsync(IPAddress.Loopback, redis.Port);
    }
}
