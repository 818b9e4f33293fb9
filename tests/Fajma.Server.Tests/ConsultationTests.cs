using System.Net;
using System.Net.Http.Json;
using System.Text;
using Fajma.Core.Consultations;
using Fajma.Server.Consultations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>The consultation room through the real host: REST scheduling, the hub with real SignalR clients, devices on the real broker.</summary>
public sealed class ConsultationTests(ConsultationClinic clinic) : IClassFixture<ConsultationClinic>
{
    private FajmaHost Host => clinic.Host;

    private async Task<int> ScheduleAsync(int patientId)
    {
        var response = await Host.Http.PostAsJsonAsync("/api/v1/consultations",
            new ScheduleConsultationRequest(patientId, DateTimeOffset.UtcNow.AddMinutes(1), "follow-up of hypertension"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
    }

    /// <summary>Doctor and patient in the room, the patient admitted (state iot_sync).</summary>
    private async Task<(int Id, ConsultationClient Doctor, ConsultationClient Patient)> AdmittedAsync(int patientId, string patientToken)
    {
        var id = await ScheduleAsync(patientId);
        var doctor = await ConsultationClient.ConnectAsync(Host.Url, Host.DoctorToken);
        var patient = await ConsultationClient.ConnectAsync(Host.Url, patientToken);
        await patient.JoinAsync(id);
        await doctor.JoinAsync(id);
        await doctor.DoAsync("StartConsultation", id);
        await patient.DoAsync("AcceptConsultation", id);
        return (id, doctor, patient);
    }

    [Fact]
    public async Task TheFullHandshakeReportsASilentDeviceAsNotReadyAndTheCallProceeds()
    {
        var (patientId, answering, silent, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        using var answeringDevice = await Host.ConnectMqttAsync(answering);
        using var silentDevice = await Host.ConnectMqttAsync(silent);
        var commands = Channel(answeringDevice, answering, answer: true);
        Channel(silentDevice, silent, answer: false);
        await answeringDevice.SubscribeAsync($"fajma/devices/{answering}/commands", MqttQualityOfServiceLevel.AtLeastOnce);
        await silentDevice.SubscribeAsync($"fajma/devices/{silent}/commands", MqttQualityOfServiceLevel.AtLeastOnce);

        var id = await ScheduleAsync(patientId);
        await using var doctor = await ConsultationClient.ConnectAsync(Host.Url, Host.DoctorToken);
        await using var patient = await ConsultationClient.ConnectAsync(Host.Url, patientToken);
        var waiting = await patient.JoinAsync(id);                                   // the waiting room
        await doctor.JoinAsync(id);
        var started = await doctor.DoAsync("StartConsultation", id);                 // 1. START_CONSULTATION
        var invite = await Wait.ForAsync(patient.Invites.Reader, i => i.ConsultationId == id, "CONSULTATION_INVITE"); // 2.
        var accepted = await patient.DoAsync("AcceptConsultation", id);              // 3. ACCEPT_CONSULTATION
        var command = await Wait.ForAsync(commands.Reader, _ => true, "ACTIVATE_MONITORING on the device");          // 4. → 5. DEVICE_READY
        var sync = await Wait.ForAsync(doctor.IotSync.Reader, s => s.ConsultationId == id, "IOT_SYNC_COMPLETE");      // 6.
        var begun = await doctor.DoAsync("BeginConsultation", id);                   // 7. BEGIN_CONSULTATION

        Assert.Equal(("scheduled", "connecting", "iot_sync", "active"), (waiting.Consultation.State, started.State, accepted.State, begun.State));
        Assert.Equal(FajmaHost.DoctorEmail, invite.DoctorName); // test accounts are named by their e-mail
        Assert.Contains("\"command\":\"activate_monitoring\"", command, StringComparison.Ordinal);
        Assert.Equal([(answering, "ready"), (silent, "timeout")], sync.Devices.OrderBy(d => d.DeviceId == silent).Select(d => (d.DeviceId, d.Status)));
        var lifecycle = await Host.QueryAsync(db => db.DeviceCommands.Where(c => c.ConsultationId == id).ToDictionaryAsync(c => c.DeviceId, c => c.Status));
        Assert.Equal(DeviceCommandStatus.Successful, lifecycle[answering]);
        Assert.Equal(DeviceCommandStatus.Timeout, lifecycle[silent]);
        var events = await Host.QueryAsync(db => db.ConsultationEvents.Where(e => e.ConsultationId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([ConsultationTrigger.Start, ConsultationTrigger.Accept, ConsultationTrigger.Begin], events.Select(e => e.Trigger));
        Assert.Equal([Host.DoctorId, clinic.PatientUserIds[patientId], Host.DoctorId], events.Select(e => e.ActorId ?? 0));
        await Wait.ForAsync(patient.States.Reader, s => s.To == "active", "the patient hearing that the call began");
    }

    [Fact]
    public async Task TheDoctorAsksADeviceForDataFromTheRoomAndHearsItsAnswer()
    {
        var (patientId, answering, silent, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        using var device = await Host.ConnectMqttAsync(answering);
        Channel(device, answering, answer: true);
        await device.SubscribeAsync($"fajma/devices/{answering}/commands", MqttQualityOfServiceLevel.AtLeastOnce);
        var (id, doctor, patient) = await AdmittedAsync(patientId, patientToken);
        await using var _ = doctor;
        await using var __ = patient;
        await doctor.DoAsync("BeginConsultation", id);

        var answered = await doctor.Hub.InvokeAsync<List<DeviceReadinessDto>>("SendDeviceCommand", id, "request_sensor_data", answering);
        var offline = await doctor.Hub.InvokeAsync<List<DeviceReadinessDto>>("SendDeviceCommand", id, "request_sensor_data", silent);
        var notTheirs = await Assert.ThrowsAsync<HubException>(() => doctor.Hub.InvokeAsync<List<DeviceReadinessDto>>("SendDeviceCommand", id, "request_sensor_data", "SOMEONE-ELSES"));

        Assert.Equal(("ready", "failed"), (Assert.Single(answered).Status, Assert.Single(offline).Status));
        Assert.Equal("the device is not connected", offline[0].Detail);
        Assert.Contains("not one of the patient's devices", notTheirs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDoctorSetsThePatientsAlertLimitsFromTheRoomAndBothSidesSeeThem()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var (id, doctor, patient) = await AdmittedAsync(patientId, patientToken);
        await using var _ = doctor;
        await using var __ = patient;
        var heard = System.Threading.Channels.Channel.CreateUnbounded<Monitoring.AlertThresholdDto>();
        patient.Hub.On<Monitoring.AlertThresholdDto>(ConsultationEvents.ThresholdChanged, t => heard.Writer.TryWrite(t));

        var set = await doctor.Hub.InvokeAsync<Monitoring.AlertThresholdDto>("SetAlertThreshold", id, "heart_rate", (double?)45, (double?)110);
        var inverted = await Assert.ThrowsAsync<HubException>(() => doctor.Hub.InvokeAsync<Monitoring.AlertThresholdDto>("SetAlertThreshold", id, "spo2", (double?)95, (double?)90));
        var byPatient = await Assert.ThrowsAsync<HubException>(() => patient.Hub.InvokeAsync<Monitoring.AlertThresholdDto>("SetAlertThreshold", id, "spo2", (double?)90, (double?)null));
        var atPatient = await Wait.ForAsync(heard.Reader, t => t.Type == "heart_rate", "the new limits in the patient's room");
        var stored = await Host.Http.GetFromJsonAsync<List<Monitoring.AlertThresholdDto>>($"/api/v1/patients/{patientId}/thresholds");

        Assert.Equal(((double?)45, (double?)110, Host.DoctorId), (set.Low, set.High, set.SetBy));
        Assert.Contains("high: must be above the low limit", inverted.Message, StringComparison.Ordinal);
        Assert.Contains("only the doctor", byPatient.Message, StringComparison.Ordinal);
        Assert.Equal(set, atPatient);
        Assert.Equal([set], stored);
        var rejoined = await patient.JoinAsync(id);
        Assert.Equal([set], rejoined.Thresholds);
    }

    [Fact]
    public async Task AnInvalidTransitionIsRefusedWithAReasonAndChangesNothing()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var id = await ScheduleAsync(patientId);
        await using var patient = await ConsultationClient.ConnectAsync(Host.Url, patientToken);
        await patient.JoinAsync(id);

        var early = await Assert.ThrowsAsync<HubException>(() => patient.DoAsync("AcceptConsultation", id));
        var notTheirs = await Assert.ThrowsAsync<HubException>(() => patient.DoAsync("StartConsultation", id));

        Assert.Contains("cannot accept a consultation that is scheduled", early.Message, StringComparison.Ordinal);
        Assert.Contains("only the doctor may start", notTheirs.Message, StringComparison.Ordinal);
        Assert.Equal(ConsultationState.Scheduled, await Host.QueryAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task ChatCrossesBothWaysInOrderAResendIsNotDoubledAndTheTextIsSealedAtRest()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var (id, doctor, patient) = await AdmittedAsync(patientId, patientToken);
        await using var _ = doctor;
        await using var __ = patient;
        var resent = Guid.NewGuid();

        var first = await doctor.SayAsync(id, "Bonjour, comment vous sentez-vous ce matin ?");
        var second = await patient.SayAsync(id, "Un peu essoufflé depuis hier soir.", resent);
        var again = await patient.SayAsync(id, "Un peu essoufflé depuis hier soir.", resent); // the answer was lost: the client retries

        var atPatient = await Wait.ForAsync(patient.Chat.Reader, m => m.Sequence == first.Sequence, "the doctor's message at the patient");
        var atDoctor = await Wait.ForAsync(doctor.Chat.Reader, m => m.Sequence == second.Sequence, "the patient's message at the doctor");
        var history = await Host.Http.GetFromJsonAsync<List<ChatMessageDto>>($"/api/v1/consultations/{id}/chat");

        Assert.Equal((1L, 2L, 2L), (first.Sequence, second.Sequence, again.Sequence));
        Assert.Equal(("doctor", "patient"), (atPatient.SenderRole, atDoctor.SenderRole));
        Assert.Equal(["Bonjour, comment vous sentez-vous ce matin ?", "Un peu essoufflé depuis hier soir."], history!.Select(m => m.Text));
        var stored = await Host.QueryAsync(db => db.ChatMessages.Where(m => m.ConsultationId == id).Select(m => m.Sealed).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, s => Assert.True(s.AsSpan().IndexOf(Encoding.UTF8.GetBytes("essoufflé")) < 0 && s.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Bonjour")) < 0));
    }

    [Fact]
    public async Task AnotherPatientOrDoctorCannotJoinReadTheChatOrRelaySignaling()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var (id, doctor, patient) = await AdmittedAsync(patientId, patientToken);
        await using var _ = doctor;
        await using var __ = patient;
        await doctor.SayAsync(id, "private words");

        foreach (var outsiderToken in (string[])[clinic.OtherPatientToken, clinic.OtherDoctorToken])
        {
            await using var outsider = await ConsultationClient.ConnectAsync(Host.Url, outsiderToken);
            await Assert.ThrowsAsync<HubException>(() => outsider.JoinAsync(id));
            await Assert.ThrowsAsync<HubException>(() => outsider.Hub.InvokeAsync<List<ChatMessageDto>>("GetChatSince", id, 0L));
            await Assert.ThrowsAsync<HubException>(() => outsider.SayAsync(id, "let me in"));
            await Assert.ThrowsAsync<HubException>(() => outsider.Hub.InvokeAsync("SendSignal", id, "offer", "{}"));
            using var http = new HttpClient { BaseAddress = Host.Url };
            http.DefaultRequestHeaders.Authorization = new("Bearer", outsiderToken);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/consultations/{id}/chat")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/consultations/{id}")).StatusCode);
        }
        // The participants' own signaling still flows, to the other side only.
        await doctor.Hub.InvokeAsync("SendSignal", id, "offer", "{\"sdp\":\"v=0\"}");
        var offer = await Wait.ForAsync(patient.Signals.Reader, s => s.Kind == "offer", "the offer at the patient");
        Assert.Equal((Host.DoctorId, "{\"sdp\":\"v=0\"}"), (offer.FromUserId, offer.Payload));
        Assert.False(doctor.Signals.Reader.TryRead(out var echoed), $"the sender got its own {echoed?.Kind} back");
    }

    [Fact]
    public async Task ThePatientCannotSignalFromTheWaitingRoom()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var id = await ScheduleAsync(patientId);
        await using var patient = await ConsultationClient.ConnectAsync(Host.Url, patientToken);
        await patient.JoinAsync(id);

        var refused = await Assert.ThrowsAsync<HubException>(() => patient.Hub.InvokeAsync("SendSignal", id, "offer", "{}"));

        Assert.Contains("the call is not open", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndingWithANoteCompletesTheRecordAndTheTimelineHoldsItAll()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var (id, doctor, patient) = await AdmittedAsync(patientId, patientToken);
        await using var _ = doctor;
        await using var __ = patient;
        await doctor.DoAsync("BeginConsultation", id);
        await patient.SayAsync(id, "Merci docteur");

        var ended = await doctor.Hub.InvokeAsync<ConsultationDto>("EndConsultation", id, "BP controlled; continue treatment.");
        var timeline = await Host.Http.GetFromJsonAsync<ConsultationTimelineDto>($"/api/v1/consultations/{id}/timeline");

        Assert.Equal(("completed", "BP controlled; continue treatment."), (ended.State, ended.Note));
        Assert.Equal(["connecting", "iot_sync", "active", "ending", "completed"], timeline!.Transitions.Select(t => t.To));
        Assert.Equal(["Merci docteur"], timeline.Chat.Select(m => m.Text));
        await Assert.ThrowsAsync<HubException>(() => patient.SayAsync(id, "one more thing"));
        // The patient's browser hangs up as it leaves the ended room: done, not an error; a new offer is refused.
        await patient.Hub.InvokeAsync("SendSignal", id, "hangup", "{}");
        var offer = await Assert.ThrowsAsync<HubException>(() => patient.Hub.InvokeAsync("SendSignal", id, "offer", "{}"));
        Assert.Contains("the call is not open: the consultation is completed", offer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvitationLeftUnansweredFailsTheConsultationWithAReasonAndTheRoomHearsIt()
    {
        var (patientId, _, _, _) = await clinic.PatientWithTwoDevicesAsync();
        var id = await ScheduleAsync(patientId);
        await using var doctor = await ConsultationClient.ConnectAsync(Host.Url, Host.DoctorToken);
        await doctor.JoinAsync(id);
        await doctor.DoAsync("StartConsultation", id);
        // Sixteen minutes pass with the patient still in the waiting room (the limit is fifteen).
        await Host.QueryAsync(db => db.Consultations.Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.StateChangedAt, DateTimeOffset.UtcNow.AddMinutes(-16))));

        await Host.App.Services.GetRequiredService<ConsultationTimeoutSweeper>().SweepAsync(CancellationToken.None);

        var failed = await Wait.ForAsync(doctor.States.Reader, e => e.To == "failed", "the failure in the room");
        Assert.Equal(("connecting", "system", "timed out: connecting for more than 15 minutes"), (failed.From, failed.ByRole, failed.Reason));
        var stored = await Host.QueryAsync(db => db.Consultations.SingleAsync(c => c.Id == id));
        Assert.Equal((ConsultationState.Failed, failed.Reason), (stored.State, stored.FailureReason));
    }

    [Fact]
    public async Task IceServersCarryTimeLimitedTurnCredentialsInCoturnsScheme()
    {
        var servers = await Host.Http.GetFromJsonAsync<IceServersDto>("/api/v1/rtc/ice-servers");

        var turn = Assert.Single(servers!.IceServers, s => s.Urls.Any(u => u.StartsWith("turn:", StringComparison.Ordinal)));
        var expiry = long.Parse(turn.Username!.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), servers.TtlSeconds - 60, servers.TtlSeconds + 1);
        Assert.Equal($"{expiry}:{Host.DoctorId}", turn.Username);
#pragma warning disable CA5350 // coturn's REST scheme is defined with HMAC-SHA1; the test recomputes it as coturn does
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData("test-turn-secret"u8.ToArray(), Encoding.UTF8.GetBytes(turn.Username))), turn.Credential);
#pragma warning restore CA5350
    }

    /// <summary>Commands the device receives; it answers ok when <paramref name="answer"/>, or stays silent.</summary>
    private static System.Threading.Channels.Channel<string> Channel(IMqttClient device, string deviceId, bool answer)
    {
        var received = System.Threading.Channels.Channel.CreateUnbounded<string>();
        device.ApplicationMessageReceivedAsync += e =>
        {
            var text = Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
            received.Writer.TryWrite(text);
            if (answer)
            {
                using var json = System.Text.Json.JsonDocument.Parse(text);
                var ack = $"{{\"correlation_id\":\"{json.RootElement.GetProperty("correlation_id").GetString()}\",\"status\":\"ok\"}}";
                _ = device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/devices/{deviceId}/commands/ack").WithPayload(ack)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }
            return Task.CompletedTask;
        };
        return received;
    }
}
