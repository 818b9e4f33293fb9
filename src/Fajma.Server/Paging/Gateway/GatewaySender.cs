using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Paging.Gateway;

/// <summary>
/// SMS and voice through one generic HTTP gateway (any provider, or an adapter in front of one): a JSON POST with a
/// bearer key; the gateway reports delivery to <c>/api/v1/paging/gateway/status</c>, signed.
/// </summary>
public sealed class GatewaySender(IHttpClientFactory clients, IOptions<PagingOptions> options)
{
    public bool IsConfigured => options.Value.Gateway.IsConfigured;

    /// <summary>The gateway's id for the message; throws when it refused or could not be reached.</summary>
    public async Task<string?> SendAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        var gateway = options.Value.Gateway;
        if (gateway.Url is null) throw new InvalidOperationException("No SMS/voice gateway is configured (Paging:Gateway:Url).");
        using var message = new HttpRequestMessage(HttpMethod.Post, gateway.Url)
        {
            Content = JsonContent.Create(request, PagingJsonContext.Default.GatewayRequest),
        };
        if (gateway.ApiKey is { Length: > 0 } key) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await clients.CreateClient(nameof(GatewaySender)).SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"the gateway answered {(int)response.StatusCode}", null, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync(PagingJsonContext.Default.GatewayAccepted, cancellationToken);
        return accepted?.Id;
    }
}
