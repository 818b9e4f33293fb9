using System.Text.Json;
using Fajma.Core.Messages;

namespace Fajma.Devices.Transport;

/// <summary>
/// HTTPS POST to <c>/api/v1/iot/realtime-data/</c>; a 2xx means stored, anything else carries the problem details.
/// Given its id and secret, the device also carries out the <c>commands</c> the 2xx answer brings and answers each,
/// signed like its messages, on <c>/api/v1/iot/sensors/{id}/commands/{correlationId}/ack</c>.
/// </summary>
public sealed class HttpDeviceTransport(HttpClient http, Uri server, string? deviceId = null, byte[]? secret = null) : IDeviceTransport, ICommandedTransport
{
    private readonly Uri _endpoint = new(server, "/api/v1/iot/realtime-data/");

    public DeviceControl Control { get; } = new();

    /// <summary>The clock commands' expiry is read against.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var response = await JsonPost.SendAsync(http, _endpoint, message, cancellationToken);
        var code = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!response.IsSuccessStatusCode) return new PublishResult(false, code, await ProblemDetail.ReadAsync(response, cancellationToken)) { RetryAfter = PublishResult.RetryAfterOf(response) };
        await AnswerCommandsAsync(await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken);
        return new PublishResult(true, code, null);
    }

    /// <summary>The message is stored whatever happens here: a command that cannot be answered times out on the server.</summary>
    private async Task AnswerCommandsAsync(string receipt, CancellationToken cancellationToken)
    {
        if (deviceId is null || secret is null || !receipt.Contains("\"commands\"", StringComparison.Ordinal)) return;
        try
        {
            using var json = JsonDocument.Parse(receipt);
            if (!json.RootElement.TryGetProperty("commands", out var commands) || commands.ValueKind != JsonValueKind.Array) return;
            foreach (var command in commands.EnumerateArray())
            {
                var correlation = command.TryGetProperty("correlation_id", out var c) ? c.GetString() : null;
                if (correlation is null) continue;
                var (ok, detail) = Control.Apply(command, Time.GetUtcNow());
                await AckAsync(correlation, ok, detail, cancellationToken);
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or InvalidOperationException)
        {
            // Unreadable or unanswerable: the server's timeout says so.
        }
    }

    private async Task AckAsync(string correlation, bool ok, string? detail, CancellationToken cancellationToken)
    {
        var answer = JsonSerializer.SerializeToElement(new Dictionary<string, string?>
        {
            ["correlation_id"] = correlation, ["status"] = ok ? "ok" : "error", ["detail"] = detail,
        });
        var signed = new Dictionary<string, string?>
        {
            ["correlation_id"] = correlation, ["status"] = ok ? "ok" : "error", ["detail"] = detail,
            [MessageSignature.Member] = MessageSignature.Sign(secret, MessageSignature.SignedBytes(answer)),
        };
        using var response = await JsonPost.SendAsync(http, new Uri(server, $"/api/v1/iot/sensors/{Uri.EscapeDataString(deviceId!)}/commands/{correlation}/ack"),
            JsonSerializer.SerializeToUtf8Bytes(signed), cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
