using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Platform;

public static class TimeEndpoints
{
    public static IEndpointRouteBuilder MapTimeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/time", GetTime).AllowAnonymous().WithTags("Platform").WithSummary("The server's clock (UTC).");
        return app;
    }

    public static Ok<ServerClock> GetTime(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok(new ServerClock(now, now.ToUnixTimeMilliseconds()));
    }
}
