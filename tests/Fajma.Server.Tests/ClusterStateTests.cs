using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Fajma.Server.Alerts;
using Fajma.Server.Consultations;
using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Monitoring;
using Fajma.Server.Patients;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Fajma.Server.Tests;

/// <summary>
/// What used to live in one process, across two nodes in processes of their own (<see cref="ServerProcess"/>) over one
/// Redis and one PostgreSQL, each with its embedded broker: a rate limit is the cluster's, a killed node's users go
/// offline, and a node that missed the bus while Redis was away catches up when it returns (docs/scale-out.md §4).
/// </summary>
[StartsFirst]
public sealed class ClusterStateTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LoginPerMinute = 10;
    private TwoNodeCluster? _cluster;
    private ClusterNode _a = null!;
    private ClusterNode _b = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TwoNodeCluster.StartAsync(output, settings: [$"--RateLimits:LoginPerMinute={LoginPerMinute}"]);
        (_a, _b) = (_cluster.NodeA, _cluster.NodeB);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task LoginAttemptsSplitOverTwoNodesAreRefusedAtOneNodesLimit()
    {
        // Half the limit plus one on each node: each node alone would allow them all.
        var perNode = LoginPerMinute / 2 + 1;
        var answers = new List<HttpResponseMessage>();
        using var onA = new HttpClient { BaseAddress = _a.Url };
        using var onB = new HttpClient { BaseAddress = _b.Url };
        for (var i = 0; i < perNode; i++)
            foreach (var node in new[] { onA, onB })
                answers.Add(await node.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("nobody@test.fajma", "wrong")));

        Assert.Equal(LoginPerMinute, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(2 * perNode - LoginPerMinute, refused.Count);
        Assert.All(answers.Skip(LoginPerMinute), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        foreach (var answer in refused)
        {
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(10), answer.Headers.RetryAfter?.Delta); // one segment of the minute, as on one node
        }
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task APatientWhoseNodeIsKilledGoesOfflineForTheDoctorOnTheOtherNode()
    {
        using var admin = await SignedInAsync(_a.Url, FajmaHost.AdminEmail);
        var patientId = await PatientAsync(admin);
        var doctorEmail = await DoctorOfAsync(admin, patientId);
        var patientEmail = $"pt-{Guid.NewGuid():N}@state.fajma";
        (await admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(patientEmail, "Pat State", Roles.Patient, FajmaHost.Password, patientId))).EnsureSuccessStatusCode();
        using var doctorHttp = await SignedInAsync(_a.Url, doctorEmail);
        var scheduled = await doctorHttp.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(patientId, DateTimeOffset.UtcNow.AddMinutes(1), "presence"));
        scheduled.EnsureSuccessStatusCode();
        var consultationId = (await scheduled.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
        using var patientHttp = await SignedInAsync(_b.Url, patientEmail);
        var patientUserId = (await patientHttp.GetFromJsonAsync<UserDto>("/api/v1/auth/me"))!.Id;

        await using var doctor = await ConsultationClient.ConnectAsync(_a.Url, Token(doctorHttp));
        var participants = Channel.CreateUnbounded<ParticipantsChangedEvent>();
        doctor.Hub.On<ParticipantsChangedEvent>(ConsultationEvents.ParticipantsChanged, e => participants.Writer.TryWrite(e));
        await doctor.JoinAsync(consultationId);
        await using var patient = await ConsultationClient.ConnectAsync(_b.Url, Token(patientHttp));
        await patient.JoinAsync(consultationId);
        await Wait.ForAsync(participants.Reader, e => IsOnline(e, patientUserId), "the patient on node B online for the doctor on node A");

        await _b.KillAsync();
        var killed = Stopwatch.StartNew();

        await ForAsync(participants.Reader, e => !IsOnline(e, patientUserId), "the patient offline after node B was killed", TimeSpan.FromSeconds(40));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"patient offline for the doctor {killed.Elapsed.TotalSeconds:F1} s after kill -9 of node B"));
    }

    [Fact]
    public async Task AfterRedisReturnsANodeTakesTheAcknowledgementAndTheRevocationItMissed()
    {
        using var admin = await SignedInAsync(_a.Url, FajmaHost.AdminEmail);
        var patientId = await PatientAsync(admin);
        var deviceId = $"STATE-{Guid.NewGuid():N}"[..20];
        var registered = await admin.PostAsJsonAsync("/api/v1/devices", new RegisterDeviceRequest(deviceId, DeviceTypes.Esp32Monitor, patientId));
        registered.EnsureSuccessStatusCode();
        Messages.Secrets[deviceId] = DeviceSecrets.Decode((await registered.Content.ReadFromJsonAsync<DeviceBundleDto>())!.Secret);
        var doctorEmail = await DoctorOfAsync(admin, patientId);
        using var doctor = await SignedInAsync(_a.Url, doctorEmail);
        using var onB = await SignedInAsync(_b.Url, doctorEmail);
        var now = DateTimeOffset.UtcNow;
        using var device = new HttpClient { BaseAddress = _a.Url };
        // Stamped a few hundred milliseconds before sending, as a device in step with the server does: a reading more than the
        // 1 s tolerance off the server's clock is doubtful and moves no alert rule.
        foreach (var (heartRate, ago) in new[] { (160.0, 0.4), (165.0, 0.2) })
            (await device.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), now.AddSeconds(-ago), heartRate)))).EnsureSuccessStatusCode();
        var raised = await UntilAsync(async () => (await ActiveAlertsAsync(onB, patientId)).FirstOrDefault(), "node B holding the raised alert", TimeSpan.FromSeconds(20));
        // A second session of the doctor, watching on node B: it is ended through node A while Redis is away.
        var session = await LoginAsync(_a.Url, doctorEmail);
        await using var watching = new HubConnectionBuilder()
            .WithUrl(new Uri(_b.Url, Live.LiveExtensions.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.AccessToken)).Build();
        await watching.StartAsync();
        await watching.InvokeAsync("SubscribePatient", patientId);
        var closing = Wait.ClosingOf(watching);
        // The doctor's screen on node B, in the session that stays: it must hear the acknowledgement it missed.
        var heard = new TaskCompletionSource<AlertDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(_b.Url, Live.LiveExtensions.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(Token(onB))).Build();
        screen.On<AlertDto>(Live.MonitoringEvents.Alert, a => { if (a.Id == raised.Id && a.Status == "acknowledged") heard.TrySetResult(a); });
        await screen.StartAsync();
        await screen.InvokeAsync("SubscribePatient", patientId);

        await _cluster!.Engines.Redis.StopAsync();
        Assert.Equal(HttpStatusCode.OK, (await doctor.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null)).StatusCode);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = JsonContent.Create(new RefreshRequest(session.RefreshToken)) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        using var http = new HttpClient { BaseAddress = _a.Url };
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(logout)).StatusCode);
        // The outage, not a wait for an effect: longer than the multiplexer's 5 s backlog, so the bus messages are lost for good.
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Null((await ActiveAlertsAsync(onB, patientId)).Single().AcknowledgedAt); // node B missed it
        Assert.False(heard.Task.IsCompleted, "the screen on node B heard the acknowledgement while Redis was away");
        Assert.Equal(HubConnectionState.Connected, watching.State);
        // The limits fail open to each node's own limiter: a sign-in and a hub call are answered, not refused nor failed.
        using (var attempt = await http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest("nobody@test.fajma", "wrong")))
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        await watching.InvokeAsync("SubscribePatient", patientId);
        await _cluster.Engines.Redis.StartAgainAsync();
        var back = Stopwatch.StartNew();

        await closing.WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"revoked session's hub on node B closed {back.Elapsed.TotalSeconds:F1} s after Redis started again"));
        using var revokedOnB = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{patientId}");
        revokedOnB.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.SendAsync(revokedOnB)).StatusCode); // node B holds the revocation
        var acknowledged = await UntilAsync(async () => (await ActiveAlertsAsync(onB, patientId)).SingleOrDefault(a => a.AcknowledgedAt is not null),
            "the acknowledgement on node B", TimeSpan.FromSeconds(60));
        Assert.Equal((raised.Id, "acknowledged"), (acknowledged.Id, acknowledged.Status));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acknowledgement on node B {back.Elapsed.TotalSeconds:F1} s after Redis started again"));
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(60)); // and the screen connected there heard it
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"screen on node B told {back.Elapsed.TotalSeconds:F1} s after Redis started again"));
    }

    [Fact]
    public async Task WhileRedisIsAwayAScreenHearsTheAlertsItsOwnNodeRaises()
    {
        using var admin = await SignedInAsync(_a.Url, FajmaHost.AdminEmail);
        var patientId = await PatientAsync(admin);
        var deviceId = $"AWAY-{Guid.NewGuid():N}"[..20];
        var registered = await admin.PostAsJsonAsync("/api/v1/devices", new RegisterDeviceRequest(deviceId, DeviceTypes.Esp32Monitor, patientId));
        registered.EnsureSuccessStatusCode();
        Messages.Secrets[deviceId] = DeviceSecrets.Decode((await registered.Content.ReadFromJsonAsync<DeviceBundleDto>())!.Secret);
        using var onB = await SignedInAsync(_b.Url, await DoctorOfAsync(admin, patientId));
        var heard = new TaskCompletionSource<AlertDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(_b.Url, Live.LiveExtensions.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(Token(onB))).Build();
        screen.On<AlertDto>(Live.MonitoringEvents.Alert, a => { if (a.PatientId == patientId) heard.TrySetResult(a); });
        await screen.StartAsync();
        await screen.InvokeAsync("SubscribePatient", patientId);

        await _cluster!.Engines.Redis.StopAsync();
        var now = DateTimeOffset.UtcNow;
        using var device = new HttpClient { BaseAddress = _b.Url };
        // Stamped a few hundred milliseconds before sending, as a device in step with the server does: a reading more than the
        // 1 s tolerance off the server's clock is doubtful and moves no alert rule.
        foreach (var (heartRate, ago) in new[] { (160.0, 0.4), (165.0, 0.2) })
            (await device.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), now.AddSeconds(-ago), heartRate)))).EnsureSuccessStatusCode();
        var raised = Stopwatch.StartNew();
        // Well under the multiplexer's 5 s backlog: an alert sent through Redis would still be waiting there.
        var alert = await heard.Task.WaitAsync(TimeSpan.FromSeconds(3));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alert on node B's screen {raised.Elapsed.TotalMilliseconds:F0} ms after the second reading, Redis away"));
        Assert.Equal("raised", alert.Status);
    }

    private static bool IsOnline(ParticipantsChangedEvent e, int userId) => e.Participants.Any(p => p.UserId == userId && p.Online);

    private static string Token(HttpClient http) => http.DefaultRequestHeaders.Authorization!.Parameter!;

    private static async Task<List<AlertDto>> ActiveAlertsAsync(HttpClient http, int patientId) =>
        (await http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?status=active&patientId={patientId}"))!;

    private static async Task<int> PatientAsync(HttpClient admin)
    {
        var patient = await admin.PostAsJsonAsync("/api/v1/patients", new CreatePatientRequest("State patient", new DateOnly(1950, 3, 4)));
        patient.EnsureSuccessStatusCode();
        return (await patient.Content.ReadFromJsonAsync<PatientDto>())!.Id;
    }

    /// <summary>A doctor account (admin, through the API) in the patient's care team; its email.</summary>
    private static async Task<string> DoctorOfAsync(HttpClient admin, int patientId)
    {
        var email = $"dr-{Guid.NewGuid():N}@state.fajma";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(email, "Dr State", Roles.Doctor, FajmaHost.Password, null));
        created.EnsureSuccessStatusCode();
        var doctorId = (await created.Content.ReadFromJsonAsync<UserDto>())!.Id;
        (await admin.PostAsJsonAsync($"/api/v1/patients/{patientId}/care-team", new CareTeamRequest(doctorId))).EnsureSuccessStatusCode();
        return email;
    }

    private static async Task<TokenResponse> LoginAsync(Uri node, string email)
    {
        using var http = new HttpClient { BaseAddress = node };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, FajmaHost.Password));
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    private static async Task<HttpClient> SignedInAsync(Uri node, string email)
    {
        var token = (await LoginAsync(node, email)).AccessToken;
        var http = new HttpClient { BaseAddress = node };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private static async Task<T> ForAsync<T>(ChannelReader<T> reader, Func<T, bool> match, string what, TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        try
        {
            await foreach (var item in reader.ReadAllAsync(cts.Token))
                if (match(item)) return item;
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException($"no {what} within {within.TotalSeconds} s");
    }

    /// <summary>Polls until <paramref name="find"/> gives a value (the effect has no event of its own to await).</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T?>> find, string what, TimeSpan within) where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await find() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within {within.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
