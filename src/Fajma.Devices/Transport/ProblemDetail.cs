using System.Text.Json;

namespace Fajma.Devices.Transport;

/// <summary>The <c>detail</c> of a problem-details answer, or the body as text when it is not one.</summary>
internal static class ProblemDetail
{
    public static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var d) && d.GetString() is { } detail
                ? detail : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
