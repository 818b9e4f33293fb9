using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Fajma.Server.Paging.Mail;

/// <summary>
/// SMTP through MailKit, one connection per message: pages are rare and must not depend on a pooled connection the
/// relay closed an hour ago. Refuses to send when no relay is configured, so a caller records a failed attempt rather
/// than believing it sent.
/// </summary>
public sealed class SmtpMailer(IOptions<MailOptions> options) : IMailer
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (settings.Host is not { Length: > 0 } host) throw new InvalidOperationException("No SMTP relay is configured (Mail:Host).");
        if (message.From.Count == 0) message.From.Add(MailboxAddress.Parse(settings.From));
        using var client = new SmtpClient { Timeout = 15_000 };
        var security = settings.Security switch
        {
            MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
            MailSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(host, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
