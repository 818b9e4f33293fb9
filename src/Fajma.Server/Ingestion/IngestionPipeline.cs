using System.Text.Json;
using System.Text;
using Fajma.Core.Messages;
using Fajma.Core.Traffic;
using Fajma.Server.Devices;
using Fajma.Server.Observations.Commit;
using Fajma.Server.Observations.Intake;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;

namespace Fajma.Server.Ingestion;

/// <summary>
/// The one path every device message takes, whatever the transport: parse and validate, resolve and
/// authenticate the device, check its clock, then hand the accepted reading to <see cref="ObservationIntake"/>
/// (alerts, seal, group commit, live) and answer only after the commit. A refused message is counted and written
/// to the dead-letter table before the sender hears about it.
/// </summary>
public sealed partial class IngestionPipeline(
    DeviceDirectory devices,
    ObservationIntake intake,
    GroupCommitWriter writer,
    RefusalLedger ledger,
    IngestionMetrics metrics,
    IngestionAdmission admission,
    AuditLog audit,
    PatientKeys keys,
    Microsoft.Extensions.Options.IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestionPipeline> logger)
{
    private const int ExcerptBytes = 2048;

    public Task<IngestOutcome> IngestAsync(ReadOnlyMemory<byte> body, IngestSource source, CancellationToken cancellationToken) =>
        IngestAsync(DeviceMessageParser.Parse(body, source.AlertChannel), body, source, cancellationToken);

    /// <summary>
    /// A relay batch: messages taken side by side, but the copies of one message (same device and message id) one after
    /// another, so the first copy is the one stored and the later ones are its duplicates, whatever the timing.
    /// </summary>
    public Task<IngestOutcome[]> IngestBatchAsync(IEnumerable<JsonElement> messages, IngestSource source, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<(string Device, string Key), Task<IngestOutcome>>();
        var outcomes = new List<Task<IngestOutcome>>();
        foreach (var message in messages)
        {
            var parsed = DeviceMessageParser.Parse(message);
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(message).ToArray();
            if (!parsed.IsValid) { outcomes.Add(IngestAsync(parsed, raw, source, cancellationToken)); continue; }
            var key = (parsed.Value.DeviceId, parsed.Value.MessageKey);
            var outcome = latest.TryGetValue(key, out var earlier)
                ? AfterAsync(earlier, parsed, raw, source, cancellationToken)
                : IngestAsync(parsed, raw, source, cancellationToken);
            latest[key] = outcome;
            outcomes.Add(outcome);
        }
        return Task.WhenAll(outcomes);
    }

    private async Task<IngestOutcome> AfterAsync(Task<IngestOutcome> earlier, ParseResult<DeviceReading> parsed, ReadOnlyMemory<byte> raw,
        IngestSource source, CancellationToken cancellationToken)
    {
        await earlier;
        return await IngestAsync(parsed, raw, source, cancellationToken);
    }

    /// <summary>Refuses a message the transport already knows is bad (too large to read, wrong topic): counted and dead-lettered like any other.</summary>
    public Task<IngestOutcome> RejectAsync(MessageRejection rejection, ReadOnlyMemory<byte> raw, IngestSource source, CancellationToken cancellationToken) =>
        FinishAsync(IngestOutcome.Rejected(rejection), raw, source, source.ChannelDeviceId, time.GetUtcNow(), cancellationToken);

    private async Task<IngestOutcome> IngestAsync(
        ParseResult<DeviceReading> parsed, ReadOnlyMemory<byte> raw, IngestSource source, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        if (!parsed.IsValid)
            return await FinishAsync(IngestOutcome.Rejected(parsed.Rejection), raw, source, parsed.Value?.DeviceId ?? source.ChannelDeviceId, receivedAt, cancellationToken);
        var reading = parsed.Value;
        // Admitted before any costly work (signature, sealing, commit): a node too busy says so at once.
        var trafficClass = TrafficClassifier.Of(reading, receivedAt);
        // A live value an alert may hang on goes in with the alerts: under overload it must not wait for a retry.
        var lane = trafficClass == TrafficClass.VitalSigns && UrgentReading.Is(reading) ? TrafficClass.CriticalAlert : trafficClass;
        using var admitted = source.MayBeTurnedAway ? admission.TryEnter(lane, source.Transport) : admission.Enter();
        if (admitted is null)
            return await FinishAsync(IngestOutcome.Busy(admission.RetryAfter, reading.MessageKey), raw, source, reading.DeviceId, receivedAt, cancellationToken);
        var outcome = await StoreAsync(reading, trafficClass, source, receivedAt, cancellationToken);
        return await FinishAsync(outcome, raw, source, reading.DeviceId, receivedAt, cancellationToken);
    }

    private async Task<IngestOutcome> FinishAsync(IngestOutcome outcome, ReadOnlyMemory<byte> raw, IngestSource source,
        string? deviceId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (outcome.Rejection is { } rejection && await ledger.TryRecordAsync(RefusalLedger.SenderOf(source)))
            await DeadLetterAsync(rejection, raw, source, deviceId, receivedAt, cancellationToken);
        metrics.Record(outcome, source.Transport, raw.Length);
        return outcome;
    }

    private async Task<IngestOutcome> StoreAsync(DeviceReading reading, TrafficClass trafficClass, IngestSource source, DateTimeOffset receivedAt,
        CancellationToken cancellationToken)
    {
        if (source.ChannelDeviceId is { } channelDevice && channelDevice != reading.DeviceId)
        {
            // The channel already proved who speaks (MQTT sign-in, client certificate): telling it so reveals nothing.
            return IngestOutcome.Rejected(new MessageRejection(RejectionReason.UnknownDevice,
                [new FieldError(DeviceField(reading), $"'{reading.DeviceId}' does not match the sending device '{channelDevice}'")]), reading.MessageKey);
        }
        // Nothing about the device or its patient is told before the signature verifies.
        var device = await devices.FindAsync(reading.DeviceId, cancellationToken);
        if (Authenticate(reading, device) is { } unauthenticated) return IngestOutcome.Rejected(unauthenticated, reading.MessageKey);
        if (device!.PatientId is not { } patientId)
        {
            return IngestOutcome.Rejected(new MessageRejection(RejectionReason.UnknownDevice,
                [new FieldError(DeviceField(reading), $"device '{reading.DeviceId}' is not assigned to a patient")]), reading.MessageKey);
        }
        if (reading.ClaimedPatientId is { } claimed && claimed != patientId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return IngestOutcome.Rejected(new MessageRejection(RejectionReason.Invalid,
                [new FieldError("header.patient_id", $"is not the patient device '{reading.DeviceId}' is assigned to")]), reading.MessageKey);
        }
        if (CheckClock(reading, receivedAt) is { } refused) return IngestOutcome.Rejected(refused, reading.MessageKey);

        var committed = await intake.AcceptAsync(new AcceptedReading(reading, patientId, device.Type, source.Transport, receivedAt, trafficClass), cancellationToken);
        metrics.Committed(committed.CommittedAt - receivedAt);
        // The KPI is live latency: a backlog measured long ago, a redelivery or a reading without a wall clock would only blur it.
        if (!committed.Duplicate && committed.Class != TrafficClass.HistoricalData && reading.DeviceTime is { } deviceTime)
            metrics.CommittedSinceDeviceTime(committed.CommittedAt - deviceTime, source.Transport);
        if (committed.Duplicate)
        {
            // A redelivery (lost acknowledgement) or a replay: the same bytes either way. Acknowledged so an honest
            // device stops resending, never stored twice, and audited so a replay attack shows (a flood of them in aggregate).
            if (await ledger.TryRecordAsync($"replays of device {reading.DeviceId}"))
            {
                await audit.RecordAsync(new AuditRecord(AuditActions.DeviceMessageReplayed, null, null, patientId, reading.DeviceId,
                    $"{source.Transport} {source.Route}", $"message_id {reading.MessageKey} is already stored"), cancellationToken);
            }
            return new IngestOutcome(IngestStatus.Duplicate, reading.MessageKey, 0, null) { DeviceId = reading.DeviceId };
        }
        return new IngestOutcome(IngestStatus.Stored, reading.MessageKey, committed.Observations, null) { DeviceId = reading.DeviceId };
    }

    /// <summary>
    /// The signature must verify with the device's own secret: proof the message comes from that device, unaltered.
    /// An unknown device, one without a secret and a wrong signature get the same answer, after the same work.
    /// </summary>
    private static MessageRejection? Authenticate(DeviceReading reading, KnownDevice? device)
    {
        var note = device is null ? $"'{reading.DeviceId}' is not a registered device"
            : device.Secret is null ? $"device '{device.Id}' has no secret; provision it again" : null;
        if (reading.Signature is null)
            return new MessageRejection(RejectionReason.Unauthenticated, [new FieldError(MessageSignature.Member, "is required: sign the message with the device secret")])
            { OperatorNote = note };
        var verified = MessageSignature.Verify(device?.Secret ?? s_noSecret, reading.SignedBytes.Span, reading.Signature);
        if (verified && note is null) return null;
        return new MessageRejection(RejectionReason.Unauthenticated, [new FieldError(MessageSignature.Member, "does not match the message and the device's secret")])
        { OperatorNote = note };
    }

    private static readonly byte[] s_noSecret = new byte[32];

    private MessageRejection? CheckClock(DeviceReading reading, DateTimeOffset receivedAt)
    {
        var field = reading.Format == WireFormat.Standard ? "header.timestamp" : "timestamp";
        // The earliest and latest time the message gives, in a loop: this runs for every reading.
        var (earliest, latest) = (reading.DeviceTime, reading.DeviceTime);
        foreach (var m in reading.Measurements)
        {
            if (m.MeasuredAt is not { } t) continue;
            if (earliest is null || t < earliest) earliest = t;
            if (latest is null || t > latest) latest = t;
        }
        if (earliest is null || latest is null) return null; // an uptime counter: the server's clock is used
        if (latest > receivedAt + options.Value.MaxClockAhead)
            return new MessageRejection(RejectionReason.Invalid, [new FieldError(field, $"is more than {options.Value.MaxClockAhead.TotalMinutes} minutes ahead of the server clock (GET /api/v1/time)")]);
        if (earliest < receivedAt - options.Value.MaxMessageAge)
            return new MessageRejection(RejectionReason.Invalid, [new FieldError(field, $"is older than {options.Value.MaxMessageAge.TotalDays} days")]);
        return null;
    }

    private static string DeviceField(DeviceReading reading) => reading.Format == WireFormat.Standard ? "header.device_id" : "device_id";

    private async Task DeadLetterAsync(MessageRejection rejection, ReadOnlyMemory<byte> raw, IngestSource source,
        string? deviceId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // Logs and the audit trail get field names only; the texts and the payload, which may quote values, are sealed.
        LogRejected(source.Transport, source.Route, rejection.Reason, rejection.Fields);
        var excerpt = raw.Length == 0 ? null : Encoding.UTF8.GetString(raw.Span[..Math.Min(raw.Length, ExcerptBytes)]);
        var platformKey = await keys.GetOrCreateAsync(PatientKeys.Platform, cancellationToken);
        await writer.WriteDeadLetterAsync(new DeadLetter
        {
            ReceivedAt = receivedAt,
            Transport = source.Transport,
            Source = source.Route,
            DeviceId = deviceId is { Length: <= DeviceIdentifier.MaxLength } ? deviceId : null,
            Reason = rejection.Reason.ToString(),
            Fields = Truncate(rejection.Fields, 1000),
            PayloadSize = raw.Length,
            Sealed = Fajma.Core.Crypto.DeadLetterSeal.Seal(platformKey, receivedAt.ToUnixTimeMilliseconds(), source.Transport,
                string.Join('\n', rejection.Errors.Select(e => $"{e.Field}: {e.Message}").Append(rejection.OperatorNote).OfType<string>()), excerpt),
        }, cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.DeviceMessageRejected, null, null, null, deviceId, $"{source.Transport} {source.Route}",
            $"{rejection.Reason}: {rejection.Fields}"), cancellationToken);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a {Transport} message on {Route}: {Reason} in {Fields}")]
    private partial void LogRejected(string transport, string route, RejectionReason reason, string fields);
}
