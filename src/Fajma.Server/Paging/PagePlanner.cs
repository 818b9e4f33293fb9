using Fajma.Core.Paging;
using Fajma.Server.Identity;
using Fajma.Server.Paging.Gateway;
using Fajma.Server.Paging.Mail;
using Fajma.Server.Paging.Push;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Paging;

/// <summary>
/// Who is paged on which channel: each person's preferences for the severity (a test alarm: everything they have), on
/// the channels this deployment has — no SMTP relay, no e-mail; no gateway or no phone, no SMS. A reminder is a push
/// only. An administrator paged by escalation gets the redacted title.
/// </summary>
public sealed class PagePlanner(IDbContextFactory<FajmaDbContext> store, GatewaySender gateway, IOptions<MailOptions> mail, TimeProvider time)
{
    public async Task<List<PlannedAttempt>> PlanAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Where(u => request.People.Contains(u.Id) || (request.Admins && u.Role == Roles.Admin))
            .Select(u => new { u.Id, u.Email, u.Role }).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var preferences = await db.AlertPreferences.AsNoTracking().Where(p => ids.Contains(p.UserId) && p.Severity == request.Severity)
            .ToDictionaryAsync(p => p.UserId, cancellationToken);
        var phones = await db.PagingContacts.AsNoTracking().Where(c => ids.Contains(c.UserId) && c.Phone != null)
            .ToDictionaryAsync(c => c.UserId, c => c.Phone!, cancellationToken);
        var subscriptions = (await db.PushSubscriptions.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.UserId);

        var now = time.GetUtcNow();
        var attempts = new List<PlannedAttempt>();
        foreach (var user in users)
        {
            var channels = request.Reason == PageReason.Test ? PageChannels.All
                : preferences.TryGetValue(user.Id, out var p) ? new PageChannels(p.Push, p.Sms, p.Voice, p.Email) : PageChannels.Default(request.Severity);
            if (request.Reason == PageReason.Reminder) channels = channels with { Sms = false, Voice = false, Email = false };
            if (request.OnlyChannel is { } only)
                channels = new PageChannels(channels.Push && only == "push", channels.Sms && only == "sms", channels.Voice && only == "voice", channels.Email && only == "email");
            var title = !request.People.Contains(user.Id) && request.AdminTitle is { } redacted ? redacted : request.Title;
            PlannedAttempt Attempt(string channel, string? target, WebPushSubscription? subscription = null, string? address = null) => new(new PageDelivery
            {
                Id = Guid.CreateVersion7(now), AlertId = request.AlertId, IsTest = request.Reason == PageReason.Test, UserId = user.Id, Channel = channel,
                Target = target, Level = request.Level, Status = DeliveryReceipts.Name(DeliveryStatus.Queued), CreatedAt = now,
            }, request, title, subscription, address);

            if (channels.Push)
                attempts.AddRange(subscriptions[user.Id].Select(s => Attempt("push", PushEndpointPolicy.HostOf(s.Endpoint), s)));
            if (channels.Email && mail.Value.IsConfigured)
                attempts.Add(Attempt("email", "…@" + user.Email[(user.Email.IndexOf('@') + 1)..], address: user.Email));
            if (gateway.IsConfigured && phones.TryGetValue(user.Id, out var phone))
            {
                if (channels.Sms) attempts.Add(Attempt("sms", Masked(phone), address: phone));
                if (channels.Voice) attempts.Add(Attempt("voice", Masked(phone), address: phone));
            }
        }
        return attempts;
    }

    private static string Masked(string phone) => "…" + phone[^Math.Min(4, phone.Length)..];
}
