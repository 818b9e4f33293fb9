using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Consultations;

/// <summary>A refused request reaches the client as a <see cref="HubException"/> carrying the reason; anything else stays hidden.</summary>
public sealed class ConsultationHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (ConsultationRefusedException e)
        {
            throw new HubException(e.Message);
        }
    }
}
