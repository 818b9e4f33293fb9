using System.Net.Http.Headers;

namespace Fajma.Devices.Transport;

/// <summary>A device's HTTPS POST of JSON bytes, sent as they are (they are signed: no re-serialization on the way).</summary>
internal static class JsonPost
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri uri, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = s_json;
        return await http.PostAsync(uri, content, cancellationToken);
    }
}
