using Fajma.Core.Consultations;
using Fajma.Server.Paging.Mail;
using MimeKit;

namespace Fajma.Server.Consultations;

/// <summary>
/// The visit's e-mails: the invitation (with the .ics) when scheduled, moved or cancelled, and the reminders.
/// E-mail is not a trusted channel: times, names and the link only — never the reason for the visit. A mail that
/// cannot leave is logged, never a failed scheduling (the consultation is already stored).
/// </summary>
public sealed partial class VisitMail(IMailer mailer, Microsoft.Extensions.Options.IOptions<MailOptions> mail, Paging.Push.PersonPush push, TimeProvider time,
    ILogger<VisitMail> logger)
{
    /// <summary>The header naming the consultation a visit e-mail is about.</summary>
    public const string VisitHeader = "X-Fajma-Consultation";

    public async Task SendInvitationAsync(VisitInvitationFacts facts, VisitNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var when = When(facts.ScheduledAt);
        var (fr, en) = notice switch
        {
            VisitNotice.Cancelled => ($"Votre téléconsultation du {when} avec {facts.DoctorName} est annulée.",
                $"Your video consultation of {when} with {facts.DoctorName} is cancelled."),
            VisitNotice.Moved => ($"Votre téléconsultation avec {facts.DoctorName} est déplacée au {when}.",
                $"Your video consultation with {facts.DoctorName} is moved to {when}."),
            _ => ($"Téléconsultation avec {facts.DoctorName} le {when}.", $"Video consultation with {facts.DoctorName} on {when}."),
        };
        var subject = notice switch
        {
            VisitNotice.Cancelled => $"Annulée / Cancelled: {when}",
            VisitNotice.Moved => $"Déplacée / Moved: {when}",
            _ => $"Téléconsultation / Video consultation: {when}",
        };
        var body = new BodyBuilder { TextBody = Bilingual(fr, en, notice == VisitNotice.Cancelled ? null : facts.JoinLink) };
        var ics = VisitInvitation.Build(facts, "en", time.GetUtcNow());
        var attachment = body.Attachments.Add("invitation.ics", System.Text.Encoding.UTF8.GetBytes(ics),
            ContentType.Parse($"{VisitInvitation.ContentType}; charset=utf-8; method={(facts.Cancelled ? "CANCEL" : "REQUEST")}"));
        attachment.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invitation.ics" };
        await SendAsync(facts, subject, body, cancellationToken);
    }

    /// <summary>The one place a reminder leaves: by e-mail, and pushed to the doctor's and the patient's browsers, each in its language.</summary>
    public async Task RemindAsync(VisitInvitationFacts facts, VisitReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var when = When(facts.ScheduledAt);
        var (fr, en, subject) = reminder == VisitReminder.DayBefore
            ? ($"Rappel : téléconsultation avec {facts.DoctorName} demain, le {when}.", $"Reminder: video consultation with {facts.DoctorName} tomorrow, {when}.",
                $"Rappel / Reminder: {when}")
            : ($"Votre téléconsultation avec {facts.DoctorName} commence dans 10 minutes ({when}).",
                $"Your video consultation with {facts.DoctorName} starts in 10 minutes ({when}).", $"Dans 10 minutes / In 10 minutes: {when}");
        await SendAsync(facts, subject, new BodyBuilder { TextBody = Bilingual(fr, en, facts.JoinLink) }, cancellationToken);
        if (facts.People is not { Count: > 0 } people) return;
        try
        {
            await push.SendAsync(people, Guid.CreateVersion7(time.GetUtcNow()), "visit", language => language == "fr" ? ("Fajma", fr) : ("Fajma", en),
                facts.JoinLink.PathAndQuery, urgent: reminder != VisitReminder.DayBefore, close: false, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMailFailed(e, facts.ConsultationId, subject); // as for mail: a reminder that cannot leave is logged, never a failed sweep
        }
    }

    private async Task SendAsync(VisitInvitationFacts facts, string subject, BodyBuilder body, CancellationToken cancellationToken)
    {
        // A patient without an account has no address to write to; a server without SMTP sends no mail (not a warning per visit).
        if (facts.Patients.Count == 0 || !mail.Value.IsConfigured) return;
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody() };
        message.Headers.Add(VisitHeader, facts.ConsultationId.ToString(System.Globalization.CultureInfo.InvariantCulture)); // for filters, beside the alert pages
        foreach (var (name, email) in facts.Patients) message.To.Add(new MailboxAddress(name, email));
        message.Cc.Add(new MailboxAddress(facts.DoctorName, facts.DoctorEmail));
        try
        {
            await mailer.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMailFailed(e, facts.ConsultationId, subject);
        }
    }

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Bilingual(string fr, string en, Uri? link) => link is null
        ? $"{fr}\n\n{en}\n"
        : $"{fr}\nTestez caméra, micro et réseau puis rejoignez : {link}\n\n{en}\nTest your camera, microphone and network, then join: {link}\n";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The e-mail of consultation {ConsultationId} ({Subject}) could not be sent")]
    private partial void LogMailFailed(Exception e, int consultationId, string subject);
}
