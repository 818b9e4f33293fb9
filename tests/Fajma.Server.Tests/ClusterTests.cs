using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Fajma.Core.Consultations;
using Fajma.Server.Consultations;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// Two nodes of one cluster — one PostgreSQL store, one Redis (<c>Redis:Configuration</c>), one Mosquitto both subscribe
/// to (<c>$share/fajma</c>), shared keys. Readings go to each node's own HTTP intake, so a test chooses which node takes
/// each one, and where each doctor is connected: what one node took, a doctor on the other sees and acts on.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private TwoHostCluster? _cluster;
    private FajmaHost _a = null!;
    private FajmaHost _b = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TwoHostCluster.StartAsync(_ => ["--Consultations:DeviceReadyTimeout=00:00:05"], externalBroker: true);
        (_a, _b) = (_cluster.NodeA, _cluster.NodeB);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    /// <summary>
    /// Stamped when sent, as by a device whose clock is right. A time fixed at the test's start falls behind the server's on a
    /// slow run, and a device clock more than 1 s off is doubtful: its readings move no alert rule.
    /// </summary>
    private static async Task SendHeartRateAsync(FajmaHost node, string deviceId, double heartRate) =>
        (await node.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow, heartRate))))
            .EnsureSuccessStatusCode();

    [Fact]
    public async Task ADoctorOnOneNodeSeesLiveVitalsTheOtherNodeTook()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await _b.WatchAsync(patientId);
        await using var _ = hub;

        await SendHeartRateAsync(_a, deviceId, 77);

        var seen = await Wait.ForAsync(observations, o => o.Type == "heart_rate", "node A's reading on node B's screen");
        Assert.Equal((deviceId, 77.0), (seen.DeviceId, seen.Value));
    }

    [Fact]
    public async Task AnAlertRaisedOnOneNodeIsAcknowledgedOnTheOtherAndEveryScreenHearsIt()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        await using var onA = await AlertListener.ConnectAsync(_a.Url, _a.DoctorToken, patientId);
        await using var onB = await AlertListener.ConnectAsync(_b.Url, _b.DoctorToken, patientId);
        await SendHeartRateAsync(_a, deviceId, 160);
        await SendHeartRateAsync(_a, deviceId, 165);
        var raised = await onB.NextAsync(a => a.Event == "raised", "node A's alert on node B's screen");
        await onA.NextAsync(a => a.Id == raised.Id && a.Event == "raised", "the alert on node A's screen");

        Assert.Equal(HttpStatusCode.OK, (await _b.Http.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null)).StatusCode);

        var onNodeA = await onA.NextAsync(a => a.Id == raised.Id && a.Event == "acknowledged", "node B's acknowledgement on node A's screen");
        await onB.NextAsync(a => a.Id == raised.Id && a.Event == "acknowledged", "the acknowledgement on node B's screen");
        Assert.Equal(_b.DoctorId, onNodeA.AcknowledgedBy);
        // Both nodes hold it acknowledged: a second acknowledgement through node A keeps the first.
        var again = await _a.Http.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(onNodeA.AcknowledgedAt, (await again.Content.ReadFromJsonAsync<Alerts.AlertDto>())!.AcknowledgedAt);
        await Wait.UntilAsync(async () => await _a.QueryAsync(db => db.Alerts.CountAsync(a => a.Id == raised.Id && a.AcknowledgedBy == _b.DoctorId)) == 1,
            "the acknowledgement stored");
    }

    [Fact]
    public async Task TwoAbnormalReadingsLandingOnDifferentNodesRaiseTheAlert()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_a.Url, _a.DoctorToken, patientId);

        await SendHeartRateAsync(_a, deviceId, 160);
        await SendHeartRateAsync(_b, deviceId, 165);

        var raised = await doctor.NextAsync(a => a.Event == "raised", "the alert from one reading on each node");
        Assert.Equal((patientId, 165.0), (raised.PatientId, raised.Value));
        // The next normal readings, again one on each node, resolve it once.
        await SendHeartRateAsync(_b, deviceId, 80);
        await SendHeartRateAsync(_a, deviceId, 78);
        await doctor.NextAsync(a => a.Id == raised.Id && a.Event == "resolved", "resolved by two normal readings on different nodes");
        Assert.Single(await _a.QueryAsync(db => db.Alerts.Where(a => a.PatientId == patientId).ToListAsync()));
    }

    [Fact]
    public async Task SigningOutThroughOneNodeClosesTheSessionsConnectionOnTheOther()
    {
        var (patientId, _) = await _a.RegisterPatientWithDeviceAsync();
        var email = $"dr-{Guid.NewGuid():N}@test.fajma";
        await _a.DoctorInCareTeamAsync(email, patientId);
        var session = await _a.SignInAsync(email, FajmaHost.Password);
        var (hub, _) = await _b.WatchAsync(patientId, session.AccessToken);
        await using var _ = hub;
        var closing = Wait.ClosingOf(hub);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = JsonContent.Create(new RefreshRequest(session.RefreshToken)) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await _a.Http.SendAsync(logout)).StatusCode);

        await closing.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        using var onB = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{patientId}");
        onB.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _b.Http.SendAsync(onB)).StatusCode);
    }

    [Fact]
    public async Task ADoctorAndAPatientOnDifferentNodesCompleteTheHandshakeWithTheDeviceAndChat()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        await _a.CreateAccountAsync("cluster-patient@test.fajma", Roles.Patient, FajmaHost.Password, patientId);
        var patientToken = await _b.TokenAsync("cluster-patient@test.fajma", FajmaHost.Password);
        // The device answers its commands through the broker: the answer reaches whichever node the broker picks.
        using var device = await TestMqtt.ConnectDeviceAsync(_cluster!.Engines.Broker!.Port, deviceId);
        var commands = System.Threading.Channels.Channel.CreateUnbounded<string>();
        device.ApplicationMessageReceivedAsync += async e =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
            var correlation = json.RootElement.GetProperty("correlation_id").GetString();
            commands.Writer.TryWrite(correlation!);
            await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/devices/{deviceId}/commands/ack")
                .WithPayload($"{{\"correlation_id\":\"{correlation}\",\"status\":\"ok\"}}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        };
        await device.SubscribeAsync($"fajma/devices/{deviceId}/commands", MqttQualityOfServiceLevel.AtLeastOnce);
        var scheduled = await _a.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(patientId, DateTimeOffset.UtcNow.AddMinutes(1), "follow-up"));
        var id = (await scheduled.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;

        await using var doctor = await ConsultationClient.ConnectAsync(_a.Url, _a.DoctorToken);
        await using var patient = await ConsultationClient.ConnectAsync(_b.Url, patientToken);
        await patient.JoinAsync(id);
        var joined = await doctor.JoinAsync(id);
        Assert.Contains(joined.Participants, p => p.Role == Roles.Patient && p.Online); // in the room on the other node
        await doctor.DoAsync("StartConsultation", id);
        await Wait.ForAsync(patient.Invites.Reader, i => i.ConsultationId == id, "the invitation, across nodes");
        await patient.DoAsync("AcceptConsultation", id);                            // node B runs the handshake
        await Wait.ForAsync(commands.Reader, _ => true, "the activation command through the broker");
        var sync = await Wait.ForAsync(doctor.IotSync.Reader, s => s.ConsultationId == id, "IOT_SYNC_COMPLETE on node A");
        Assert.Equal([(deviceId, "ready")], sync.Devices.Select(d => (d.DeviceId, d.Status)));
        await doctor.DoAsync("BeginConsultation", id);
        await Wait.ForAsync(patient.States.Reader, s => s.To == "active", "the patient hearing that the call began");

        await doctor.SayAsync(id, "Good morning");
        await patient.SayAsync(id, "Good morning, doctor");
        Assert.Equal("Good morning", (await Wait.ForAsync(patient.Chat.Reader, m => m.Sequence == 1, "the doctor's message on node B")).Text);
        Assert.Equal("Good morning, doctor", (await Wait.ForAsync(doctor.Chat.Reader, m => m.Sequence == 2, "the patient's message on node A")).Text);
        Assert.Equal(DeviceCommandStatus.Successful, await _a.QueryAsync(db => db.DeviceCommands.Where(c => c.ConsultationId == id).Select(c => c.Status).SingleAsync()));
    }
}
