using System.Globalization;
using Fajma.Core.Crypto;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Fajma.Core.Alerts;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Fajma.Server.Alerts;

/// <summary>
/// Every alert change POSTed to each subscribed hospital system as JSON (<see cref="AlertDto"/>), signed:
/// <c>X-Fajma-Signature: sha256=HEX(HMAC-SHA256(secret, "{X-Fajma-Timestamp}.{body}"))</c>, the timestamp in
/// Unix seconds so a receiver can refuse replays. Each subscriber has its own queue and retries with backoff,
/// so one that is down delays nobody else; a queue kept full that long drops its oldest, counted and logged.
/// </summary>
public sealed partial class AlertWebhook(IOptions<AlertOptions> options, IHttpClientFactory clients, AlertMetrics metrics, TimeProvider time,
    ILogger<AlertWebhook> logger) : BackgroundService
{
    public const string SignatureHeader = "X-Fajma-Signature";
    public const string TimestampHeader = "X-Fajma-Timestamp";
    public const int QueueLimit = 10_000;

    private readonly List<(AlertWebhookOptions Target, Channel<AlertDto> Queue)> _subscribers = [.. options.Value.Webhooks
        .Where(w => w.Url is not null)
        .Select(w => (w, Channel.CreateBounded<AlertDto>(new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true })))];

    private static readonly ResiliencePipeline s_retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 6, BackoffType = DelayBackoffType.Exponential, UseJitter = true, Delay = TimeSpan.FromMilliseconds(200) })
        .AddTimeout(TimeSpan.FromSeconds(5))
        .Build();

    public void Enqueue(AlertDto alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var severity = Enum.Parse<AlertSeverity>(alert.Severity, ignoreCase: true);
        foreach (var (target, queue) in _subscribers)
        {
            if (severity < target.MinSeverity) continue;
            if (queue.Reader.Count >= QueueLimit)
            {
                metrics.Webhook("dropped");
                LogDropped(target.Url!);
            }
            queue.Writer.TryWrite(alert);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_subscribers.Select(s => DeliverAllAsync(s.Target, s.Queue.Reader, stoppingToken)));

    private async Task DeliverAllAsync(AlertWebhookOptions target, ChannelReader<AlertDto> queue, CancellationToken stoppingToken)
    {
        var http = clients.CreateClient(nameof(AlertWebhook));
        await foreach (var alert in queue.ReadAllAsync(stoppingToken))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(alert, AlertsJsonContext.Default.AlertDto);
            try
            {
                await s_retry.ExecuteAsync(async ct =>
                {
                    using var request = Sign(target, body, time.GetUtcNow());
                    using var response = await http.SendAsync(request, ct);
                    response.EnsureSuccessStatusCode();
                }, stoppingToken);
                metrics.Webhook("delivered");
            }
            catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
            {
                metrics.Webhook("failed");
                LogFailed(e, alert.Id, target.Url!);
            }
        }
    }

    /// <summary>The request as sent, signed with the subscriber's secret.</summary>
    public static HttpRequestMessage Sign(AlertWebhookOptions target, byte[] body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, WebhookSignature.Prefix + WebhookSignature.Compute(target.Secret, timestamp, body));
        return request;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Url} is not keeping up; its oldest queued alert was dropped")]
    private partial void LogDropped(Uri url);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} could not be delivered to webhook {Url} after retries")]
    private partial void LogFailed(Exception e, Guid alertId, Uri url);
}
