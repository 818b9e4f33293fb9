namespace Fajma.Server.Paging.Mail;

// TEMPORARY stand-in for the lead's IMailer (lands on main ~15:20); removed at the merge.
public interface IMailer
{
    Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken);
}

// TEMPORARY: until the lead's mailer lands.
public sealed class StubMailer : IMailer
{
    public Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
