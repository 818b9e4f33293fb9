using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Core.Wire;
using Fajma.Server.Devices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Ingestion;

/// <summary>HTTPS ingestion (seed 000 §2.2B): one standard message, or a phone's relay batch.</summary>
public static class IngestionEndpoints
{
    // The batch object and its array add two levels to a message's own limit, no more.
    private static readonly JsonDocumentOptions s_batchOptions = new() { MaxDepth = DeviceMessageParser.MaxDepth + 2 };

    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        // Devices do not sign in as users: each message is signed with the device's secret, and over HTTPS a
        // device may also present its client certificate, which then binds the request to that one device.
        var group = app.MapGroup("/api/v1/iot").WithTags("Device ingestion").AllowAnonymous()
            .RequireRateLimiting(Platform.RateLimiting.Device);
        group.MapPost("/realtime-data/", PostRealtimeData)
            .Accepts<StandardMessage>("application/json")
            .WithSummary("One device message (standard or flat ESP32 format). 200 only once it is stored durably.");
        group.MapPost("/alerts/critical/", PostCriticalAlert)
            .Accepts<StandardAlertMessage>("application/json")
            .WithSummary("A device's own CRITICAL_ALERT (e.g. an arrhythmia it detected): sent to the doctors at once; 200 once it is stored durably.");
        group.MapPost("/mobile-data", PostMobileData)
            .Accepts<MobileBatch>("application/json")
            .WithSummary("A phone's batch of up to 100 relayed messages, each stored or refused on its own.");
        group.MapPost("/sensors/{id}/commands/{correlationId:guid}/ack", CommandAckEndpoint.PostCommandAck)
            .Accepts<CommandAnswer>("application/json")
            .WithSummary("An HTTP device's answer to a command it got in the answer to its post, signed like its messages: 204 once recorded.");
        return app;
    }

    public static async Task<Results<Ok<IngestReceipt>, ProblemHttpResult>> PostRealtimeData(
        HttpRequest request, IngestionPipeline pipeline, DeviceCertificateCheck certificates, Devices.Control.DeviceCommandLifecycle commands,
        CancellationToken cancellationToken)
    {
        var answer = await IngestOneAsync(request, "/api/v1/iot/realtime-data/", alertChannel: false, pipeline, certificates, cancellationToken);
        // An HTTP-only device hears of its commands only here: what waits for it rides on the answer.
        if (answer.Result is not Ok<IngestReceipt> { Value: { } receipt } || receipt.DeviceId is not { } deviceId) return answer;
        var waiting = await commands.TakeForHttpAsync(deviceId, cancellationToken);
        return waiting.Count == 0 ? answer : TypedResults.Ok(receipt with { Commands = waiting });
    }

    public static Task<Results<Ok<IngestReceipt>, ProblemHttpResult>> PostCriticalAlert(
        HttpRequest request, IngestionPipeline pipeline, DeviceCertificateCheck certificates, CancellationToken cancellationToken) =>
        IngestOneAsync(request, "/api/v1/iot/alerts/critical/", alertChannel: true, pipeline, certificates, cancellationToken);

    private static async Task<Results<Ok<IngestReceipt>, ProblemHttpResult>> IngestOneAsync(HttpRequest request, string route, bool alertChannel,
        IngestionPipeline pipeline, DeviceCertificateCheck certificates, CancellationToken cancellationToken)
    {
        var (channel, refused) = await SourceAsync(request.HttpContext, IngestSource.Http, route, pipeline, certificates, cancellationToken);
        if (refused is not null) return refused;
        var source = channel with { AlertChannel = alertChannel, MayBeTurnedAway = true };
        var (body, unread) = await LimitedBody.ReadAsync(request, DeviceMessageParser.MaxMessageBytes, cancellationToken);
        var outcome = body is null
            ? await pipeline.RejectAsync(unread!, default, source, cancellationToken)
            : await pipeline.IngestAsync(body, source, cancellationToken);
        if (outcome.Rejection is { } rejection) return RejectionResults.ToProblem(rejection);
        if (outcome.RetryAfter is { } retryAfter) return RejectionResults.Busy(request.HttpContext.Response, retryAfter);
        return TypedResults.Ok(new IngestReceipt(outcome.MessageId!, outcome.Status == IngestStatus.Stored ? "stored" : "duplicate", outcome.Observations)
        {
            DeviceId = outcome.DeviceId,
        });
    }

    public static async Task<Results<Ok<MobileBatchReceipt>, ProblemHttpResult>> PostMobileData(
        HttpRequest request, IngestionPipeline pipeline, IngestionAdmission admission, DeviceCertificateCheck certificates, CancellationToken cancellationToken)
    {
        var (source, refused) = await SourceAsync(request.HttpContext, IngestSource.MobileRelay, "/api/v1/iot/mobile-data", pipeline, certificates, cancellationToken);
        if (refused is not null) return refused;
        var (body, unread) = await LimitedBody.ReadAsync(request, MobileBatch.MaxBytes, cancellationToken);
        if (body is null) return RejectionResults.ToProblem((await pipeline.RejectAsync(unread!, default, source, cancellationToken)).Rejection!);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, s_batchOptions);
        }
        catch (JsonException e)
        {
            return await RefuseAsync(DeviceMessageParser.NotJson(e, s_batchOptions.MaxDepth), body, source, pipeline, cancellationToken);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return await RefuseAsync(MessageRejection.Malformed("$", "must be an object with a messages array"), body, source, pipeline, cancellationToken);
            if (InteroperableJson.FindProblemInNames(root) is { } unreadable)
                return await RefuseAsync(MessageRejection.Malformed(unreadable.Field, unreadable.Message), body, source, pipeline, cancellationToken);
            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
                return await RefuseAsync(MessageRejection.Malformed("messages", "must be an array of standard messages"), body, source, pipeline, cancellationToken);
            var count = messages.GetArrayLength();
            if (count is 0 or > MobileBatch.MaxMessages)
                return await RefuseAsync(new MessageRejection(RejectionReason.Invalid,
                    [new FieldError("messages", $"holds {count} messages; send 1 to {MobileBatch.MaxMessages}")]), body, source, pipeline, cancellationToken);
            // A batch is acknowledged as a whole: turned away whole when the node is busy, never half taken.
            if (!admission.HasRoomFor(Core.Traffic.TrafficClass.VitalSigns, count, source.Transport))
                return RejectionResults.Busy(request.HttpContext.Response, admission.RetryAfter);

            // All items go to the writer together, so they usually share one group commit.
            var outcomes = await pipeline.IngestBatchAsync(messages.EnumerateArray(), source, cancellationToken);
            var results = outcomes.Select((o, i) => new MobileItemResult(i, o.MessageId, o.Status.ToString().ToLowerInvariant(),
                o.Rejection is null ? null : RejectionResults.StatusCode(o.Rejection.Reason), o.Rejection?.Errors)).ToList();
            return TypedResults.Ok(new MobileBatchReceipt(
                outcomes.Count(o => o.Status == IngestStatus.Stored),
                outcomes.Count(o => o.Status == IngestStatus.Duplicate),
                outcomes.Count(o => o.Status == IngestStatus.Rejected),
                results));
        }
    }

    /// <summary>
    /// Where a request comes from. With a client certificate (HTTPS), only the device it proves may speak,
    /// as on MQTT over TLS; a certificate that proves no current device is refused, audited and dead-lettered.
    /// </summary>
    private static async Task<(IngestSource Source, ProblemHttpResult? Refused)> SourceAsync(HttpContext http, string transport, string route,
        IngestionPipeline pipeline, DeviceCertificateCheck certificates, CancellationToken cancellationToken)
    {
        var peer = http.Connection.RemoteIpAddress?.ToString();
        if (http.Connection.ClientCertificate is not { } certificate) return (new IngestSource(transport, route) { Peer = peer }, null);
        var device = await certificates.IdentifyAsync(certificate, cancellationToken);
        if (device is not null) return (new IngestSource(transport, route, device.Id) { Peer = peer }, null);
        var source = new IngestSource(transport, route, DeviceCertificateCheck.DeviceIdOf(certificate)) { Peer = peer };
        var outcome = await pipeline.RejectAsync(new MessageRejection(RejectionReason.Unauthenticated, [new FieldError("client certificate",
            "is not the current certificate of a device from the platform's device CA")]), default, source, cancellationToken);
        return (source, RejectionResults.ToProblem(outcome.Rejection!));
    }

    /// <summary>A batch refused whole: nothing in it was stored; counted and dead-lettered like a single message.</summary>
    private static async Task<ProblemHttpResult> RefuseAsync(MessageRejection rejection, byte[] body, IngestSource source,
        IngestionPipeline pipeline, CancellationToken cancellationToken) =>
        RejectionResults.ToProblem((await pipeline.RejectAsync(rejection, body, source, cancellationToken)).Rejection!);
}
