using System.Net;
using Fajma.Server.Platform;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Fajma.Server.Tests;

/// <summary>
/// The production nginx (deploy/nginx) during a rolling restart: a node back from its restart is let through one request at
/// a time until one succeeds; if the other node stops just then, requests must still find the one that is back.
/// </summary>
public sealed class BalancerFailoverTests
{
    [Fact]
    public async Task ANodeBeingTriedAgainAfterItsRestartTakesRequestsWhileTheOtherNodeStops()
    {
        // Two nodes, both down at first: the first refuses throughout (it is the one stopping), the second comes back.
        var stopping = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var back = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        await using var nginx = await TestNginx.StartAsync(stopping, back);
        using var api = new HttpClient { BaseAddress = nginx.Http };
        Assert.Equal(HttpStatusCode.BadGateway, (await api.GetAsync("/api/v1/time")).StatusCode); // nginx rests both
        var slow = new SlowRequest();
        await using var node = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), slow.AddTo, $"--Urls={back}");

        // The first request it is let through to after its rest, and still running (a long one).
        var held = await slow.FirstThroughAsync(api);
        try
        {
            // Meanwhile a sign-in, a page: the node stopping refuses, and the one being tried again must answer.
            for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/time")).StatusCode);
        }
        finally
        {
            slow.Release.TrySetResult();
        }
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
    }

    /// <summary>A request the node holds until released (<c>/test/slow</c>), added to the node's pipeline.</summary>
    private sealed class SlowRequest : IStartupFilter
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void AddTo(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(this);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test/slow", slow => slow.Run(async context =>
            {
                _arrived.TrySetResult();
                await Release.Task.WaitAsync(context.RequestAborted);
            }));
            next(app);
        };

        /// <summary>Sends it until nginx lets one through to the node (502 while it rests the node), and returns that one's answer.</summary>
        public async Task<Task<HttpResponseMessage>> FirstThroughAsync(HttpClient api)
        {
            using var deadline = new CancellationTokenSource(Wait.Timeout);
            while (true)
            {
                var sent = api.GetAsync("/test/slow", deadline.Token);
                var first = await Task.WhenAny(sent, _arrived.Task.WaitAsync(deadline.Token));
                if (first != sent) return sent;
                Assert.Equal(HttpStatusCode.BadGateway, (await sent).StatusCode);
                await Task.Delay(100, deadline.Token);
            }
        }
    }
}
