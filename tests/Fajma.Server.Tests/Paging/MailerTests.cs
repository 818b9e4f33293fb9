using Fajma.Server.Paging.Mail;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Fajma.Server.Tests.Paging;

public sealed class MailerTests : IAsyncLifetime
{
    private SmtpSink _sink = null!;
    private FajmaHost _host = null!;

    public async Task InitializeAsync()
    {
        _sink = SmtpSink.Start();
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), _sink.Args);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task AMessageReachesTheRelayFromTheConfiguredSender()
    {
        var mailer = _host.App.Services.GetRequiredService<IMailer>();
        var message = new MimeMessage { Subject = "Fajma", Body = new TextPart("plain") { Text = "hello" } };
        message.To.Add(MailboxAddress.Parse("doctor@test.fajma"));

        await mailer.SendAsync(message, CancellationToken.None);

        var received = await _sink.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("doctor@test.fajma", received.To.Mailboxes.Single().Address);
        Assert.Equal("no-reply@fajma.invalid", received.From.Mailboxes.Single().Address);
        Assert.Equal("hello", received.TextBody?.Trim());
    }

    [Fact]
    public async Task ARelayThatRejectsTheMessageIsAnErrorNotASilentSend()
    {
        _sink.Refuse = true;
        var mailer = _host.App.Services.GetRequiredService<IMailer>();
        var message = new MimeMessage { Subject = "Fajma", Body = new TextPart("plain") { Text = "hello" } };
        message.To.Add(MailboxAddress.Parse("doctor@test.fajma"));

        await Assert.ThrowsAnyAsync<MailKit.CommandException>(() => mailer.SendAsync(message, CancellationToken.None));
    }
}
