using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Fajma.Server.Tests;

/// <summary>
/// The visit's e-mails through a real SMTP sink, and its reminders on a fake clock the test moves: no sleeping. On both
/// stores: the reminder's claim is a conditional update, which each must honour for "once".
/// </summary>
public abstract class VisitMailTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SmtpSink _sink = SmtpSink.Start();
    private FakePushService _push = null!;
    private FajmaHost _host = null!;
    private int _patientId;
    private string _patientEmail = "";

    protected abstract Task<TestDatabase> DatabaseAsync();

    public async Task InitializeAsync()
    {
        // The reminder service's own tick is a week away: the test sweeps when it moves the clock, like nodes racing.
        _push = await FakePushService.StartAsync();
        _host = await FajmaHost.StartAsync(await DatabaseAsync(), b => b.Services.AddSingleton<TimeProvider>(_time),
            [.. _sink.Args, "--Consultations:ReminderInterval=7.00:00:00", "--Consultations:PublicUrl=https://fajma.example/", "--Paging:Push:AllowLoopback=true"]);
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        _push.ExpectedVapidKey = (await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/push/vapid-public-key")).GetProperty("publicKey").GetString();
        (_patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        _patientEmail = $"visit-patient-{_patientId}@test.fajma";
        await _host.CreateAccountAsync(_patientEmail, Roles.Patient, FajmaHost.Password, _patientId);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sink.DisposeAsync();
        await _push.DisposeAsync();
    }

    private async Task<int> ScheduleAsync(TimeSpan ahead)
    {
        var response = await _host.Http.PostAsJsonAsync("/api/v1/consultations",
            new ScheduleConsultationRequest(_patientId, _time.GetUtcNow() + ahead, "chest pain on exertion"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
    }

    private static Calendar Invitation(MimeMessage message)
    {
        var ics = Assert.Single(message.Attachments.OfType<MimePart>(), a => a.FileName == "invitation.ics");
        Assert.Equal("text/calendar", ics.ContentType.MimeType);
        using var text = new MemoryStream();
        ics.Content!.DecodeTo(text);
        return Calendar.Load(System.Text.Encoding.UTF8.GetString(text.ToArray()))!;
    }

    /// <summary>The next visit e-mail; alert pages (a device of the test patient falls silent as the clock moves) are skipped.</summary>
    private async Task<MimeMessage> NextVisitMailAsync()
    {
        while (true)
        {
            var message = await _sink.NextAsync(s_wait);
            if (message.Headers.Contains(VisitMail.VisitHeader)) return message;
        }
    }

    private static string Link(int id) => $"https://fajma.example/consultations/{id}/precall";

    /// <summary>Sweeps as <paramref name="nodes"/> nodes at once; returns how many reminders left in all.</summary>
    private async Task<int> SweepAsync(int nodes = 3)
    {
        var reminders = _host.App.Services.GetRequiredService<VisitReminders>();
        return (await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ => reminders.SweepAsync(CancellationToken.None)))).Sum();
    }

    [Fact]
    public async Task SchedulingMovingAndCancellingEachMailThePatientTheInvitationWithTheIcsAttached()
    {
        var id = await ScheduleAsync(TimeSpan.FromDays(2));
        var scheduled = await NextVisitMailAsync();
        Assert.Equal([_patientEmail], scheduled.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), scheduled.Headers[VisitMail.VisitHeader]);
        Assert.Equal([FajmaHost.DoctorEmail], scheduled.Cc.Mailboxes.Select(m => m.Address));
        Assert.Contains(Link(id), scheduled.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("chest pain", scheduled.TextBody + scheduled.Subject, StringComparison.OrdinalIgnoreCase); // e-mail is no trusted channel
        var first = Invitation(scheduled);
        Assert.Equal(("REQUEST", $"consultation-{id}@fajma", 0), (first.Method, first.Events[0]!.Uid, first.Events[0]!.Sequence));

        var later = _time.GetUtcNow().AddDays(3);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.PostAsJsonAsync($"/api/v1/consultations/{id}/reschedule", new RescheduleRequest(later))).StatusCode);
        var moved = Invitation(await NextVisitMailAsync());
        Assert.Equal(("REQUEST", 1, later.UtcDateTime.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture)),
            (moved.Method, moved.Events[0]!.Sequence, moved.Events[0]!.DtStart!.AsUtc.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, (await _host.Http.PostAsync($"/api/v1/consultations/{id}/cancel", null)).StatusCode);
        var cancelledMail = await NextVisitMailAsync();
        var cancelled = Invitation(cancelledMail);
        Assert.Equal(("CANCEL", $"consultation-{id}@fajma", 2), (cancelled.Method, cancelled.Events[0]!.Uid, cancelled.Events[0]!.Sequence));
        Assert.DoesNotContain(Link(id), cancelledMail.TextBody, StringComparison.Ordinal); // nothing to join any more
    }

    [Fact]
    public async Task RemindersLeaveOnceADayAndTenMinutesBeforeNotForACancelledVisitAndAMovedOneFollowsItsNewTime()
    {
        // Visits placed just past their reminder moments, so the fake clock moves minutes, not a day.
        var dayAhead = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(2);
        var kept = await ScheduleAsync(dayAhead);
        var cancelled = await ScheduleAsync(dayAhead);
        var moved = await ScheduleAsync(dayAhead);
        var soon = await ScheduleAsync(TimeSpan.FromMinutes(12)); // booked 12 min ahead: no day-before reminder, the 10-min one only
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.PostAsync($"/api/v1/consultations/{cancelled}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.PostAsJsonAsync($"/api/v1/consultations/{moved}/reschedule",
            new RescheduleRequest(_time.GetUtcNow() + dayAhead + TimeSpan.FromMinutes(2)))).StatusCode);
        for (var i = 0; i < 6; i++) await NextVisitMailAsync(); // four invitations, a cancellation, a move
        Assert.Equal(0, await SweepAsync());

        _time.Advance(TimeSpan.FromMinutes(2)); // 24 h before the kept (and the cancelled) visit, 10 min before the soon one
        Assert.Equal(2, await SweepAsync());
        var reminders = new[] { await NextVisitMailAsync(), await NextVisitMailAsync() };
        var day = Assert.Single(reminders, m => (m.TextBody ?? "").Contains(Link(kept), StringComparison.Ordinal));
        var tenMinutes = Assert.Single(reminders, m => (m.TextBody ?? "").Contains(Link(soon), StringComparison.Ordinal));
        Assert.StartsWith("Rappel / Reminder", day.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Dans 10 minutes / In 10 minutes", tenMinutes.Subject, StringComparison.Ordinal);
        Assert.Equal(0, await SweepAsync()); // once, however many nodes sweep
        // A restarted node derives what is due from the stored visits: nothing more for these.
        var restarted = ActivatorUtilities.CreateInstance<VisitReminders>(_host.App.Services);
        Assert.Equal(0, await restarted.SweepAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromMinutes(2)); // 24 h before the moved visit's new time
        Assert.Equal(1, await SweepAsync());
        Assert.Contains(Link(moved), (await NextVisitMailAsync()).TextBody, StringComparison.Ordinal);

        var sent = await _host.QueryAsync(db => db.AuditEntries.Where(e => e.Action == Privacy.AuditActions.ConsultationReminderSent)
            .Select(e => new { e.Target, e.Detail }).ToListAsync());
        Assert.Equal([($"consultation:{kept}", "day_before"), ($"consultation:{moved}", "day_before"), ($"consultation:{soon}", "ten_minutes_before")],
            sent.Select(s => (s.Target!, s.Detail!)).Order());
    }

    [Fact]
    public async Task TheTenMinuteReminderIsPushedToTheDoctorAndThePatientEachInTheirLanguage()
    {
        using var patient = new HttpClient { BaseAddress = _host.Url };
        patient.DefaultRequestHeaders.Authorization = new("Bearer", await _host.TokenAsync(_patientEmail, FajmaHost.Password));
        var phone = System.Text.Json.JsonSerializer.SerializeToNode(_push.Subscribe("patient-phone"))!.AsObject();
        phone["language"] = "fr";
        Assert.Equal(HttpStatusCode.Created, (await patient.PostAsJsonAsync("/api/v1/push/subscriptions", phone)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _host.Http.PostAsJsonAsync("/api/v1/push/subscriptions", _push.Subscribe("doctor-laptop"))).StatusCode);
        var soon = await ScheduleAsync(TimeSpan.FromMinutes(12));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await SweepAsync());
        // (The patient's monitor has been silent for two fake minutes too: their nudge is another push.)
        static bool Visit(FakePushService.Received r) => r.Payload.GetProperty("severity").GetString() == "visit";
        var toPatient = (await _push.NextAsync(r => r.Browser == "patient-phone" && Visit(r), "the reminder on the patient's phone")).Payload;
        var toDoctor = (await _push.NextAsync(r => r.Browser == "doctor-laptop" && Visit(r), "the reminder on the doctor's laptop")).Payload;
        Assert.Equal($"/consultations/{soon}/precall", toPatient.GetProperty("url").GetString());
        Assert.StartsWith("Votre téléconsultation", toPatient.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Your video consultation", toDoctor.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("chest pain", toPatient.GetProperty("body").GetString(), StringComparison.Ordinal); // never the reason
    }
}

public sealed class SqliteVisitMailTests : VisitMailTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.SqliteAsync();
}

public sealed class PostgresVisitMailTests : VisitMailTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.PostgresAsync();
}
