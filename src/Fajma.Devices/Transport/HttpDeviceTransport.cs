using System.Net.Http.Headers;

namespace Fajma.Devices.Transport;

/// <summary>HTTPS POST to <c>/api/v1/iot/realtime-data/</c>; a 2xx means stored, anything else carries the problem details.</summary>
public sealed class HttpDeviceTransport(HttpClient http, Uri server) : IDeviceTransport
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private readonly Uri _endpoint = new(server, "/api/v1/iot/realtime-data/");

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(message);
        content.Headers.ContentType = s_json;
        using var response = await http.PostAsync(_endpoint, content, cancellationToken);
        if (response.IsSuccessStatusCode) return new PublishResult(true, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        return new PublishResult(false, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), await ProblemDetail.ReadAsync(response, cancellationToken));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
