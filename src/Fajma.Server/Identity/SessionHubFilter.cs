using Fajma.Server.Platform;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Identity;

/// <summary>
/// Every hub: a connection is recorded under its sign-in session so that revoking the session closes it
/// (<see cref="SessionConnections"/>), and a call from a revoked session is refused — a call racing the revocation.
/// </summary>
public sealed class SessionHubFilter(RevokedSessions revoked, SessionConnections connections, HubMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (SessionOf(context.Context) is not { } session)
        {
            context.Context.Abort();
            return;
        }
        connections.Opened(session, context.Context);
        // Checked after recording: a revocation between the token check and here has either swept this connection or is seen now.
        if (revoked.IsRevoked(session))
        {
            context.Context.Abort();
            return;
        }
        await next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        if (SessionOf(invocationContext.Context) is not { } session || revoked.IsRevoked(session))
        {
            metrics.Refused(invocationContext, HubMetrics.SessionEnded);
            invocationContext.Context.Abort();
            throw new HubException("the session has ended; sign in again");
        }
        return await next(invocationContext);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        connections.Closed(context.Context.ConnectionId);
        await next(context, exception);
    }

    private static Guid? SessionOf(HubCallerContext connection) =>
        Guid.TryParse(connection.User?.FindFirst(FajmaClaims.Session)?.Value, out var session) ? session : null;
}
