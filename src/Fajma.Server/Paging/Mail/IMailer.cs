using MimeKit;

namespace Fajma.Server.Paging.Mail;

/// <summary>Sends one e-mail. Pages, invitations and reminders all leave through it, so the SMTP settings live in one place.</summary>
public interface IMailer
{
    /// <summary>Completes once the SMTP server accepted the message; throws when it refused or could not be reached.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
