using Fajma.Core.Alerts;
using MimeKit;

namespace Fajma.Server.Paging.Mail;

/// <summary>
/// A page by e-mail: the severity and a link, nothing clinical (mail crosses servers Fajma does not control), in French
/// and English since the account holds no language.
/// </summary>
public static class PageMail
{
    public static MimeMessage Build(string to, AlertSeverity severity, Uri link, bool test)
    {
        var level = severity.ToString().ToUpperInvariant();
        var message = new MimeMessage
        {
            Subject = test ? "[Fajma] Test alarm — alarme de test" : $"[Fajma] {level} alert — alerte {level}",
            Body = new TextPart("plain")
            {
                Text = (test
                    ? "This is a test alarm: Fajma can reach you by e-mail.\nCeci est une alarme de test : Fajma peut vous joindre par e-mail.\n\n"
                    : $"A {level} alert needs you. Sign in to see it and acknowledge it.\nUne alerte {level} vous attend. Connectez-vous pour la voir et la prendre en charge.\n\n")
                    + link + "\n",
            },
        };
        message.To.Add(MailboxAddress.Parse(to));
        // A page must not sit behind a digest or a newsletter filter.
        message.Importance = severity == AlertSeverity.Critical ? MessageImportance.High : MessageImportance.Normal;
        message.Priority = severity == AlertSeverity.Critical ? MessagePriority.Urgent : MessagePriority.Normal;
        return message;
    }
}
