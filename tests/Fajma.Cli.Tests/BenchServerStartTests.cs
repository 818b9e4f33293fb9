using Fajma.Cli.Bench;
using Fajma.Cli.Simulation;
using Fajma.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Fajma.Cli.Tests;

/// <summary>The bench's server is its own: a port another server took first is never mistaken for it.</summary>
public sealed class BenchServerStartTests
{
    [Fact]
    public async Task AServerThatCannotBindItsPortIsStartedAgainOnOthersAndTheBenchSignsInToItsOwn()
    {
        // Another server already on the port the bench chooses first, healthy and knowing no bench account (as a test's
        // server started side by side did in CI, where the bench then signed in to it and got a 401).
        var taken = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{taken}");
        await using var other = builder.Build();
        other.MapGet("/health", () => "Healthy");
        other.MapPost("/api/v1/auth/login", () => Results.Problem("The email or password is wrong.", statusCode: 401));
        await other.StartAsync();
        var first = true;
        int Ports()
        {
            if (!first) return LoopbackPorts.Free();
            first = false;
            return taken;
        }

        await using var server = await ServerProcess.StartAsync([], Ports, CancellationToken.None);
        using var http = new HttpClient();
        await FleetRegistration.SignInAsync(http, server.Url, ServerProcess.AdminEmail, ServerProcess.AdminPassword, CancellationToken.None);

        Assert.NotEqual(taken, server.Url.Port);
        Assert.False(server.HasExited);
    }
}
