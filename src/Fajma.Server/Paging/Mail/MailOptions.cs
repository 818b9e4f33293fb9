using System.ComponentModel.DataAnnotations;

namespace Fajma.Server.Paging.Mail;

/// <summary>The <c>Mail</c> section: the SMTP relay mail leaves through. Without a host, mail is not configured and nothing is sent.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (port 587), <c>Tls</c> (implicit, port 465) or <c>None</c> (a relay on the same machine only).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender of every message that does not name one.</summary>
    public string From { get; set; } = "Fajma <no-reply@fajma.invalid>";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public enum MailSecurity
{
    StartTls,
    Tls,
    None,
}
