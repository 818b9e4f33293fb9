namespace Fajma.Server.Platform;

/// <summary>
/// A stopping node closes its hub connections so browsers reconnect elsewhere (docs/scale-out.md §5); while it drains,
/// a new hub connection would only be cut again seconds later. So it refuses them with 503: the balancer tries the next
/// node (nginx: <c>proxy_next_upstream … http_503</c> on <c>/hubs/</c>), and a browser talking to it directly retries.
/// </summary>
public static class StoppingHubGate
{
    public const string HubsPrefix = "/hubs";

    public static WebApplication UseStoppingHubGate(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (context, next) =>
        {
            if (stopping.IsCancellationRequested && context.Request.Path.StartsWithSegments(HubsPrefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.RetryAfter = "1";
                await TypedResults.Problem(title: "This node is stopping", detail: "Connect again: another node takes the connection.",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}
