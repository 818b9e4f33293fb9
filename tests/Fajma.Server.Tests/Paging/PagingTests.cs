using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests.Paging;

/// <summary>
/// Pages outside the browser through the real host, to real local stand-ins for the outside services: a push service that
/// decrypts with the subscription's keys and checks the VAPID token, an SMTP server, an SMS gateway. On a fake clock.
/// </summary>
public sealed partial class PagingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FakePushService _push = null!;
    private FakeSmsGateway _gateway = null!;
    private SmtpSink _mail = null!;
    private FajmaHost _host = null!;

    public async Task InitializeAsync()
    {
        _push = await FakePushService.StartAsync();
        _gateway = await FakeSmsGateway.StartAsync();
        _mail = SmtpSink.Start();
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(_time),
            ["--Paging:Push:AllowLoopback=true", .. _gateway.Args, .. _mail.Args]);
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        _push.ExpectedVapidKey = (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/push/vapid-public-key")).GetProperty("publicKey").GetString();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _push.DisposeAsync();
        await _gateway.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task APushReachesTheDoctorsBrowserEncryptedAndItsAcknowledgeButtonAcknowledgesTheAlert()
    {
        Assert.Equal(HttpStatusCode.Created, (await _host.Http.PostAsJsonAsync("/api/v1/push/subscriptions", _push.Subscribe("laptop"))).StatusCode);
        var alertId = await RaiseCriticalAsync();

        await Wait.UntilAsync(async () => (await DeliveriesAsync(alertId)).Any(d => d.Channel == "push" && d.Status != "queued"), "the push attempt");
        var attempt = (await DeliveriesAsync(alertId)).Single(d => d.Channel == "push");
        Assert.True(attempt.Status == "sent", $"{attempt.Detail}: {string.Join("; ", _push.Refusals)}");
        var page = await _push.NextAsync(r => r.Browser == "laptop", "the push page, decrypted with the browser's keys");
        var payload = page.Payload;
        Assert.Equal((alertId, "critical", true, "high"), (payload.GetProperty("alertId").GetGuid(), payload.GetProperty("severity").GetString(),
            payload.GetProperty("canAcknowledge").GetBoolean(), page.Urgency));
        Assert.Contains("165", payload.GetProperty("title").GetString(), StringComparison.Ordinal); // push is end-to-end encrypted: the doctor sees what rang
        var deliveryId = payload.GetProperty("deliveryId").GetGuid();
        var token = payload.GetProperty("token").GetString();
        await UntilStatusAsync(alertId, deliveryId, "sent");

        using var worker = new HttpClient { BaseAddress = _host.Url }; // the service worker: no session, only the page's token
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostAsJsonAsync(payload.GetProperty("receiptUrl").GetString(), new { token = (token![0] == 'A' ? "B" : "A") + token[1..], status = "acknowledged" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync(payload.GetProperty("receiptUrl").GetString(), new { token, status = "delivered" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await worker.PostAsJsonAsync(payload.GetProperty("receiptUrl").GetString(), new { token, status = "acknowledged" })).StatusCode);

        var alert = (await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?status=acknowledged"))!.Single(a => a.Id == alertId);
        Assert.Equal(_host.DoctorId, alert.AcknowledgedBy);
        var timeline = await DeliveriesAsync(alertId);
        var push = timeline.Single(d => d.Id == deliveryId);
        Assert.Equal(("push", "acknowledged", "127.0.0.1"), (push.Channel, push.Status, push.Target));
        Assert.NotNull(push.SentAt);
        Assert.NotNull(push.DeliveredAt);
        Assert.NotNull(push.AcknowledgedAt);
        var audited = await _host.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == Privacy.AuditActions.AlertAcknowledged && e.Target == $"alert:{alertId}"));
        Assert.Equal((_host.DoctorId, true), (audited.ActorId, audited.Detail!.EndsWith("(from push)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EmailAndSmsCarryOnlyTheSeverityAndALinkAndTheirReceiptsReachTheTimeline()
    {
        (await _host.Http.PutAsJsonAsync("/api/v1/paging/contact", new { phone = "+33 6 12 34 56 78" })).EnsureSuccessStatusCode();
        var alertId = await RaiseCriticalAsync();

        var mail = await _mail.NextAsync(TimeSpan.FromSeconds(10));
        var sms = await _gateway.NextAsync(r => r.Kind == "sms", "the SMS page");
        Assert.Equal(FajmaHost.DoctorEmail, mail.To.Mailboxes.Single().Address);
        Assert.Contains("CRITICAL", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("+33612345678", sms.To);
        var link = sms.Text[sms.Text.IndexOf("http", StringComparison.Ordinal)..].Trim();
        foreach (var text in new[] { mail.Subject ?? "", mail.TextBody ?? "", sms.Text }.Select(t => Links().Replace(t, "")))
        {
            Assert.DoesNotContain("165", text, StringComparison.Ordinal); // no value, no vital sign, no patient on an untrusted channel
            Assert.DoesNotContain("heart", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("/api/v1/paging/open/", mail.TextBody!, StringComparison.Ordinal); // each page its own link: opening it is that page's receipt
        await UntilStatusAsync(alertId, Guid.Parse(sms.Reference), "sent");
        Assert.Equal(["email", "sms"], (await DeliveriesAsync(alertId)).Select(d => d.Channel).Order()); // a phone call is opt-in

        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.ReportAsync(sms, "delivered", secret: "not-the-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _gateway.ReportAsync(sms, "delivered")).StatusCode);
        await UntilStatusAsync(alertId, Guid.Parse(sms.Reference), "delivered");

        using var phone = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var opened = await phone.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/alerts?alert={alertId}", opened.Headers.Location!.OriginalString);
        await UntilStatusAsync(alertId, Guid.Parse(sms.Reference), "read");
    }

    [Fact]
    public async Task APageThatReachesNoOneEscalatesWithoutWaitingForTheLaddersStep()
    {
        _push.AnswerStatus = 500; // the first doctor's only channel is down; they have no Fajma tab open
        Assert.Equal(HttpStatusCode.Created, (await _host.Http.PostAsJsonAsync("/api/v1/push/subscriptions", _push.Subscribe("phone"))).StatusCode);
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (secondId, secondToken) = await _host.DoctorInCareTeamAsync("second@test.fajma", patientId);
        await using var second = await AlertListener.ConnectAsync(_host.Url, secondToken);
        var alertId = await RaiseCriticalAsync(deviceId);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(alertId)).Any(d => d.Channel == "push" && d.Status == "failed"), "the failed push");

        _time.Advance(TimeSpan.FromSeconds(91)); // the ladder's step for a critical alert is five minutes

        var escalated = await second.NextAsync(a => a.Id == alertId && a.Event == "escalated", "the page to the next doctor");
        Assert.Equal([_host.DoctorId, secondId], escalated.Paged);
        // The audit entry follows the live event: awaited, not assumed.
        await Wait.UntilAsync(() => _host.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == Privacy.AuditActions.AlertEscalated
            && e.Target == $"alert:{alertId}" && e.Detail!.Contains("reached no one"))), "the audited early escalation");
    }

    [Fact]
    public async Task APageThatWasDeliveredWaitsForTheLadderBeforeEscalating()
    {
        Assert.Equal(HttpStatusCode.Created, (await _host.Http.PostAsJsonAsync("/api/v1/push/subscriptions", _push.Subscribe("tablet"))).StatusCode);
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (_, secondToken) = await _host.DoctorInCareTeamAsync("third@test.fajma", patientId);
        await using var second = await AlertListener.ConnectAsync(_host.Url, secondToken);
        var alertId = await RaiseCriticalAsync(deviceId);
        var payload = (await _push.NextAsync(r => r.Browser == "tablet", "the push page")).Payload;
        using var worker = new HttpClient { BaseAddress = _host.Url };
        (await worker.PostAsJsonAsync(payload.GetProperty("receiptUrl").GetString(), new { token = payload.GetProperty("token").GetString(), status = "delivered" }))
            .EnsureSuccessStatusCode();

        _time.Advance(TimeSpan.FromSeconds(91));
        await _host.App.Services.GetRequiredService<AlertEscalator>().SweepAsync(CancellationToken.None); // one sweep past the undelivered limit, done
        Assert.DoesNotContain(second.Received(), a => a.Id == alertId && a.Event == "escalated");

        _time.Advance(TimeSpan.FromMinutes(4));
        await second.NextAsync(a => a.Id == alertId && a.Event == "escalated", "the ladder's own step at five minutes");
    }

    [Fact]
    public async Task ATestAlarmGoesToTheCallerOnEveryChannelAndOnlyTheCallerSeesItsReceipts()
    {
        (await _host.Http.PutAsJsonAsync("/api/v1/paging/contact", new { phone = "+447700900123" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await _host.Http.PostAsJsonAsync("/api/v1/push/subscriptions", _push.Subscribe("desk"))).StatusCode);

        var test = await (await _host.Http.PostAsJsonAsync("/api/v1/alerts/test", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var id = test.GetProperty("id").GetGuid();
        Assert.Equal(["email", "push", "sms", "voice"], test.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("channel").GetString()).Order());

        var push = await _push.NextAsync(r => r.Browser == "desk", "the test push");
        Assert.True(push.Payload.GetProperty("test").GetBoolean());
        await _gateway.NextAsync(r => r.Kind == "voice" && r.Text.Contains("test", StringComparison.OrdinalIgnoreCase), "the test call");
        Assert.Contains("test", (await _mail.NextAsync(TimeSpan.FromSeconds(10))).Subject, StringComparison.OrdinalIgnoreCase);
        await Wait.UntilAsync(async () => (await DeliveriesAsync(id)).All(d => d.Status == "sent"), "every test page sent");

        var (_, otherToken) = await _host.DoctorInCareTeamAsync("other@test.fajma");
        using var other = new HttpClient { BaseAddress = _host.Url };
        other.DefaultRequestHeaders.Authorization = new("Bearer", otherToken);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/alerts/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Http.PostAsJsonAsync("/api/v1/alerts/test", new { channel = "pigeon" })).StatusCode);
    }

    [Fact]
    public async Task ASubscriptionIsRefusedUnlessItNamesAPushServiceAndTheBrowsersKeysNamingTheField()
    {
        var good = JsonSerializer.SerializeToElement(_push.Subscribe("x"));
        var keys = good.GetProperty("keys");
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { endpoint = "http://169.254.169.254/latest/meta-data", keys }, "endpoint"),
            (new { endpoint = "https://internal.hospital.example/push", keys }, "endpoint"),
            (new { endpoint = "https://fcm.googleapis.com.evil.example/x", keys }, "endpoint"),
            (new { endpoint = good.GetProperty("endpoint").GetString(), keys = new { p256dh = "AAAA", auth = keys.GetProperty("auth").GetString() } }, "keys.p256dh"),
            (new { endpoint = good.GetProperty("endpoint").GetString(), keys = new { p256dh = keys.GetProperty("p256dh").GetString(), auth = "!!" } }, "keys.auth"),
        })
        {
            using var response = await _host.Http.PostAsJsonAsync("/api/v1/push/subscriptions", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Empty(await _host.QueryAsync(db => db.PushSubscriptions.ToListAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Http.PutAsJsonAsync("/api/v1/paging/contact", new { phone = "06 12 34 56 78" })).StatusCode);
    }

    private async Task<Guid> RaiseCriticalAsync(string? deviceId = null)
    {
        deviceId ??= (await _host.RegisterPatientWithDeviceAsync()).DeviceId;
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(160);
        await device.SendAsync(165);
        Guid? id = null;
        await Wait.UntilAsync(async () =>
        {
            id = (await _host.Http.GetFromJsonAsync<List<AlertDto>>("/api/v1/alerts?status=active"))!.FirstOrDefault(a => a.DeviceId == deviceId && a.Severity == "critical")?.Id;
            return id is not null;
        }, "the critical alert");
        return id!.Value;
    }

    private async Task<List<PageDeliveryDto>> DeliveriesAsync(Guid alertId) =>
        (await _host.Http.GetFromJsonAsync<List<PageDeliveryDto>>($"/api/v1/alerts/{alertId}/deliveries"))!;

    private Task UntilStatusAsync(Guid alertId, Guid deliveryId, string status) =>
        Wait.UntilAsync(async () => (await DeliveriesAsync(alertId)).Any(d => d.Id == deliveryId && d.Status == status), $"the {status} receipt");

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+")]
    private static partial System.Text.RegularExpressions.Regex Links();
}
