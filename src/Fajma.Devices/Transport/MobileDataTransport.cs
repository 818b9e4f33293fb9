using System.Net.Http.Json;
using Fajma.Devices.Relay;

namespace Fajma.Devices.Transport;

/// <summary>
/// HTTPS POST of a relay batch to <c>/api/v1/iot/mobile-data</c>. A 2xx means every item was handled on its own —
/// stored, a duplicate, or refused for its content (then the reason says how many) — so the batch is done; anything
/// else keeps it for a retry, with the server's problem details as the reason.
/// </summary>
public sealed class MobileDataTransport(HttpClient http, Uri server) : IDeviceTransport
{
    private readonly Uri _endpoint = new(server, "/api/v1/iot/mobile-data");

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var response = await JsonPost.SendAsync(http, _endpoint, message, cancellationToken);
        var code = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!response.IsSuccessStatusCode)
            return new PublishResult(false, code, await ProblemDetail.ReadAsync(response, cancellationToken)) { RetryAfter = PublishResult.RetryAfterOf(response) };
        var answer = await response.Content.ReadFromJsonAsync(RelayJsonContext.Default.MobileBatchAnswer, cancellationToken);
        return new PublishResult(true, code, answer is { Rejected: > 0 } ? $"{answer.Rejected} of the batch's messages were refused" : null);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
