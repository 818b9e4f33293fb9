using Fajma.Core.Consultations;
using Fajma.Core.Crypto;
using Fajma.Server.Identity;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Consultations;

/// <summary>
/// <c>/hubs/consultation</c>: the live room (docs/consultation-protocol.md). Every method first checks that the
/// caller takes part in the consultation — [Authorize] only says "signed in" — and signaling flows only
/// between participants who have joined, once the patient has been admitted.
/// </summary>
[Authorize]
public sealed class ConsultationHub(FajmaDbContext db, ConsultationLifecycle lifecycle, ConsultationChat chat, IotSync iotSync,
    ConsultationPresence presence, ConsultationConsent consent, PatientKeys keys, AuditLog audit, Devices.DeviceCommands commands, Alerts.AlertEngine alerts, TimeProvider time) : Hub
{
    private CurrentUser Caller => CurrentUser.From(Context.User!) ?? throw new HubException("not signed in");

    private CancellationToken Aborted => Context.ConnectionAborted;

    public override async Task OnConnectedAsync()
    {
        // Invitations reach every connection of the patient, in the room or not.
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(Caller.Id), Aborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (await presence.LeaveAsync(Context.ConnectionId) is { } consultationId) await AnnounceParticipantsAsync(consultationId, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    public async Task<ConsultationSnapshot> JoinConsultation(int consultationId)
    {
        var user = Caller;
        var consultation = await db.FindHeldAsync(user, consultationId, Aborted);
        await audit.RecordAsync(AuditRecord.By(Context.GetHttpContext()!, AuditActions.ConsultationJoined, consultation.PatientId, $"consultation:{consultationId}"), Aborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, ConsultationEvents.Group(consultationId), Aborted);
        await presence.JoinAsync(Context.ConnectionId, consultationId, user.Id);
        var participants = await AnnounceParticipantsAsync(consultationId, Aborted);
        // Read again now that the connection is in the room's group: a change made since the first read reaches it as an
        // event, and the snapshot is never older than the last change it missed (the browser keeps a newer event's state).
        await db.Entry(consultation).ReloadAsync(Aborted);
        return new ConsultationSnapshot(await db.ToDtoAsync(consultation, keys, Aborted), consultation.LastChatSequence,
            await iotSync.ReadinessAsync(db, consultationId, Aborted), participants,
            await Patients.PatientVisibility.CanSeeAsync(db, user, consultation.PatientId, Aborted) ? await Monitoring.AlertThresholds.ForPatientAsync(db, consultation.PatientId, Aborted) : []);
    }

    public async Task LeaveConsultation(int consultationId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ConsultationEvents.Group(consultationId), Aborted);
        if (await presence.LeaveAsync(Context.ConnectionId) is not null) await AnnounceParticipantsAsync(consultationId, Aborted);
    }

    /// <summary>START_CONSULTATION, then CONSULTATION_INVITE to the patient.</summary>
    public async Task<ConsultationDto> StartConsultation(int consultationId)
    {
        var consultation = await ApplyAsync(consultationId, ConsultationTrigger.Start);
        var doctor = await db.Users.AsNoTracking().Where(u => u.Id == consultation.DoctorId).Select(u => u.DisplayName).SingleAsync(Aborted);
        var patientUsers = await db.Users.AsNoTracking().Where(u => u.PatientId == consultation.PatientId).Select(u => u.Id).ToListAsync(Aborted);
        var invite = new InviteEvent(consultationId, doctor, consultation.StateChangedAt);
        foreach (var userId in patientUsers) await Clients.Group(UserGroup(userId)).SendAsync(ConsultationEvents.Invite, invite, Aborted);
        return await db.ToDtoAsync(consultation, keys, Aborted);
    }

    /// <summary>ACCEPT_CONSULTATION: the patient leaves the waiting room; ACTIVATE_MONITORING goes to their devices.</summary>
    public async Task<ConsultationDto> AcceptConsultation(int consultationId)
    {
        var consultation = await ApplyAsync(consultationId, ConsultationTrigger.Accept);
        iotSync.Start(consultationId, consultation.PatientId);
        return await db.ToDtoAsync(consultation, keys, Aborted);
    }

    public Task<ConsultationDto> BeginConsultation(int consultationId) => ApplyAndDescribeAsync(consultationId, ConsultationTrigger.Begin);

    public Task<ConsultationDto> PauseConsultation(int consultationId) => ApplyAndDescribeAsync(consultationId, ConsultationTrigger.Pause);

    public Task<ConsultationDto> ResumeConsultation(int consultationId) => ApplyAndDescribeAsync(consultationId, ConsultationTrigger.Resume);

    /// <summary>Refused, naming why, unless the patient has consented in this consultation (<see cref="RecordingConsentGate"/>).</summary>
    public Task<ConsultationDto> StartRecording(int consultationId) => ApplyAndDescribeAsync(consultationId, ConsultationTrigger.StartRecording);

    public Task<ConsultationDto> StopRecording(int consultationId) => ApplyAndDescribeAsync(consultationId, ConsultationTrigger.StopRecording);

    /// <summary>The doctor asks the patient, in the patient's room, whether this consultation may be recorded.</summary>
    public async Task<ConsultationDto> RequestRecordingConsent(int consultationId)
    {
        var user = Caller;
        var consultation = await db.FindHeldAsync(user, consultationId, Aborted);
        await consent.AskAsync(consultation, ConsultationAccess.RoleOf(user), user.Id, Aborted);
        return await db.ToDtoAsync(consultation, keys, Aborted);
    }

    /// <summary>The patient's answer, which they may change at any time; taking it back during a recording stops the recording.</summary>
    public async Task<ConsultationDto> AnswerRecordingConsent(int consultationId, bool allow)
    {
        var user = Caller;
        var consultation = await db.FindHeldAsync(user, consultationId, Aborted);
        await consent.AnswerAsync(consultation, ConsultationAccess.RoleOf(user), user.Id, allow, Aborted);
        return await db.ToDtoAsync(consultation, keys, Aborted);
    }

    /// <summary>Ends the call and closes the record with the doctor's note (sealed under the patient's key).</summary>
    public async Task<ConsultationDto> EndConsultation(int consultationId, string? note)
    {
        if (note is { Length: > 20_000 }) throw new HubException("note: at most 20,000 characters");
        var consultation = await ApplyAsync(consultationId, ConsultationTrigger.End);
        if (!string.IsNullOrWhiteSpace(note))
        {
            var key = await keys.GetOrCreateAsync(consultation.PatientId, Aborted);
            consultation.NoteSealed = TextSeal.Seal(key, consultation.PatientId, TextSeal.NoteRecord(consultationId), note);
        }
        await lifecycle.ApplyAsync(consultation, ConsultationTrigger.Complete, ConsultationRole.System, null, null, Aborted);
        return await db.ToDtoAsync(consultation, keys, Aborted);
    }

    public async Task<ChatMessageDto> SendChatMessage(int consultationId, Guid clientMessageId, string text)
    {
        var consultation = await db.FindHeldAsync(Caller, consultationId, Aborted);
        if (ConsultationStateMachine.IsFinal(consultation.State))
            throw new HubException($"the consultation is {ConsultationStateMachine.Name(consultation.State)}; its chat is closed");
        var (message, created) = await chat.SendAsync(consultationId, Caller.Id, clientMessageId, text, Aborted);
        if (created) await Clients.Group(ConsultationEvents.Group(consultationId)).SendAsync(ConsultationEvents.ChatMessage, message, Aborted);
        return message;
    }

    public async Task<List<ChatMessageDto>> GetChatSince(int consultationId, long afterSequence)
    {
        var consultation = await db.FindHeldAsync(Caller, consultationId, Aborted);
        return await chat.SinceAsync(consultation, afterSequence, limit: 1000, Aborted);
    }

    public async Task MarkChatRead(int consultationId, long sequence)
    {
        var user = Caller;
        var consultation = await db.FindHeldAsync(user, consultationId, Aborted);
        sequence = Math.Clamp(sequence, 0, consultation.LastChatSequence);
        var mark = await db.ChatReadMarks.SingleOrDefaultAsync(m => m.ConsultationId == consultationId && m.UserId == user.Id, Aborted);
        if (mark is null) db.ChatReadMarks.Add(mark = new ChatReadMark { ConsultationId = consultationId, UserId = user.Id });
        if (sequence <= mark.Sequence && mark.Sequence > 0) return;
        mark.Sequence = sequence;
        await db.SaveChangesAsync(Aborted);
        await Clients.Group(ConsultationEvents.Group(consultationId)).SendAsync(ConsultationEvents.ChatRead, new ChatReadEvent(consultationId, user.Id, sequence), Aborted);
    }

    /// <summary>WebRTC offer / answer / ICE, relayed to the other participants in the room — only once the patient is admitted.</summary>
    public async Task SendSignal(int consultationId, string kind, string payload)
    {
        if (kind is not ("offer" or "answer" or "ice" or "hangup" or "media")) throw new HubException("kind: one of offer, answer, ice, hangup, media");
        if (payload is { Length: > 64 * 1024 }) throw new HubException("payload: at most 64 KiB");
        var consultation = await db.FindHeldAsync(Caller, consultationId, Aborted);
        if (!presence.IsIn(Context.ConnectionId, consultationId)) throw new HubException("join the consultation before signaling");
        if (consultation.State is not (ConsultationState.IotSync or ConsultationState.Active or ConsultationState.Paused or ConsultationState.Recording))
        {
            // A browser hangs up as it leaves a room that has just ended: that call is over already, and it is no error to log.
            if (kind == "hangup") return;
            throw new HubException($"the call is not open: the consultation is {ConsultationStateMachine.Name(consultation.State)}");
        }
        await Clients.OthersInGroup(ConsultationEvents.Group(consultationId))
            .SendAsync(ConsultationEvents.Signal, new SignalEvent(consultationId, Caller.Id, kind, payload ?? ""), Aborted);
    }

    /// <summary>
    /// From the room (seed §3.2 <c>request_sensor_data</c>, and the BandwidthAdapter's lower sampling rate): a command to
    /// the patient's devices — one, or all — answered with each device's outcome. Doctor only, while the call is live.
    /// </summary>
    public async Task<List<DeviceReadinessDto>> SendDeviceCommand(int consultationId, string command, string? deviceId)
    {
        if (command is not ("request_sensor_data" or "set_sampling_rate_low" or "set_sampling_rate_normal"))
            throw new HubException("command: one of request_sensor_data, set_sampling_rate_low, set_sampling_rate_normal");
        var user = Caller;
        var consultation = await db.FindHeldAsync(user, consultationId, Aborted);
        if (!user.IsDoctor) throw new HubException("only the doctor may command the patient's devices");
        if (!ConsultationStateMachine.IsLive(consultation.State))
            throw new HubException($"the call is not live: the consultation is {ConsultationStateMachine.Name(consultation.State)}");
        var devices = await db.Devices.AsNoTracking()
            .Where(d => d.PatientId == consultation.PatientId && d.RevokedAt == null && (deviceId == null || d.Id == deviceId))
            .Select(d => new { d.Id, d.Type }).ToListAsync(Aborted);
        if (deviceId is not null && devices.Count == 0) throw new HubException($"deviceId: '{deviceId}' is not one of the patient's devices");
        var results = await commands.SendAndAwaitAsync([.. devices.Select(d => (d.Id, d.Type))], command, consultationId, TimeSpan.FromSeconds(5), Aborted);
        return [.. results.Select(r => new DeviceReadinessDto(r.DeviceId, r.DeviceType, IotSync.Describe(r.Status), r.Detail))];
    }

    /// <summary>Seed §3.2 <c>set_alert_threshold</c>: the doctor sets the patient's own limits for one vital sign; the room redraws them.</summary>
    public async Task<Monitoring.AlertThresholdDto> SetAlertThreshold(int consultationId, string type, double? low, double? high)
    {
        var user = Caller;
        var consultation = await db.FindHeldAsync(user, consultationId, Aborted);
        if (!user.IsDoctor) throw new HubException("only the doctor may set the patient's alert limits");
        var threshold = new Fajma.Core.Vitals.AlertThreshold(type, low, high);
        if (threshold.Problems() is { Count: > 0 } problems) throw new HubException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
        var saved = await Monitoring.AlertThresholds.SetAsync(db, consultation.PatientId, threshold, user.Id, time.GetUtcNow(), Aborted);
        alerts.Reload(consultation.PatientId);
        await audit.RecordAsync(AuditRecord.By(Context.GetHttpContext()!, AuditActions.ThresholdSet, consultation.PatientId, $"consultation:{consultationId}",
            $"{type}: {low?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"}..{high?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"}"), Aborted);
        await Clients.Group(ConsultationEvents.Group(consultationId)).SendAsync(ConsultationEvents.ThresholdChanged, saved, Aborted);
        return saved;
    }

    private async Task<Consultation> ApplyAsync(int consultationId, ConsultationTrigger trigger)
    {
        var user = Caller;
        var consultation = await db.FindHeldAsync(user, consultationId, Aborted);
        await lifecycle.ApplyAsync(consultation, trigger, ConsultationAccess.RoleOf(user), user.Id, null, Aborted);
        return consultation;
    }

    private async Task<ConsultationDto> ApplyAndDescribeAsync(int consultationId, ConsultationTrigger trigger) =>
        await db.ToDtoAsync(await ApplyAsync(consultationId, trigger), keys, Aborted);

    private async Task<IReadOnlyList<ParticipantDto>> AnnounceParticipantsAsync(int consultationId, CancellationToken cancellationToken) =>
        await ConsultationParticipants.AnnounceAsync(db, presence, Clients.Group(ConsultationEvents.Group(consultationId)), consultationId, cancellationToken);

    private static string UserGroup(int userId) => $"user:{userId}";
}
