using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fajma.Core.Crypto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// An SMS/voice gateway on 127.0.0.1 speaking Fajma's generic gateway API (docs/paging.md): it records what it is asked
/// to send, checks the bearer key, and reports statuses back to the callback, signed, as a provider would.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    public const string ApiKey = "gateway-api-key";
    public const string CallbackSecret = "gateway-callback-secret";
    private readonly WebApplication _app;
    private readonly Channel<Request> _received = Channel.CreateUnbounded<Request>();
    private readonly HttpClient _http = new();
    private int _next;

    private FakeSmsGateway(WebApplication app) => _app = app;

    public sealed record Request(string Id, string Kind, string To, string Text, string Reference, string StatusCallback);

    /// <summary>Answer every request with this status (500: the gateway is down).</summary>
    public int AnswerStatus { get; set; } = StatusCodes.Status200OK;

    public string[] Args => [$"--Paging:Gateway:Url={_app.Urls.First()}/messages", $"--Paging:Gateway:ApiKey={ApiKey}", $"--Paging:Gateway:CallbackSecret={CallbackSecret}"];

    public static async Task<FakeSmsGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        var gateway = new FakeSmsGateway(builder.Build());
        gateway._app.MapPost("/messages", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization != $"Bearer {ApiKey}") return Results.Unauthorized();
            if (gateway.AnswerStatus >= 300) return Results.StatusCode(gateway.AnswerStatus);
            using var body = await JsonDocument.ParseAsync(request.Body);
            var root = body.RootElement;
            var id = "gw-" + Interlocked.Increment(ref gateway._next).ToString(CultureInfo.InvariantCulture);
            gateway._received.Writer.TryWrite(new Request(id, root.GetProperty("kind").GetString()!, root.GetProperty("to").GetString()!,
                root.GetProperty("text").GetString()!, root.GetProperty("reference").GetString()!, root.GetProperty("statusCallback").GetString()!));
            return Results.Ok(new { id });
        });
        await gateway._app.StartAsync();
        return gateway;
    }

    public Task<Request> NextAsync(Func<Request, bool> match, string what) => Wait.ForAsync(_received.Reader, match, what);

    /// <summary>Reports a status for a message as the provider does, signed with the callback secret (or <paramref name="secret"/>).</summary>
    public async Task<HttpResponseMessage> ReportAsync(Request request, string status, string secret = CallbackSecret)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { reference = request.Reference, status, detail = (string?)null });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.StatusCallback) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new("application/json");
        message.Headers.Add("X-Fajma-Timestamp", timestamp);
        message.Headers.Add("X-Fajma-Signature", WebhookSignature.Prefix + WebhookSignature.Compute(secret, timestamp, body));
        return await _http.SendAsync(message);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }
}
