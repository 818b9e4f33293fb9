using Fajma.Server.Platform;
using System.Buffers;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps what it receives: the server's mail leaves
/// through MailKit exactly as it would to a hospital relay. <c>--Mail:Host=127.0.0.1 --Mail:Port={Port} --Mail:Security=None</c>.
/// Set <see cref="Refuse"/> to answer every message with a permanent failure (a relay that rejects).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SmtpSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public bool Refuse { get; set; }

    /// <summary>The server arguments that send this host's mail here.</summary>
    public string[] Args => ["--Mail:Host=127.0.0.1", $"--Mail:Port={Port}", "--Mail:Security=None"];

    public static SmtpSink Start() => new(LoopbackPorts.Free());

    /// <summary>The next message received, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<MimeMessage> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No e-mail reached the SMTP sink within {timeout}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (sink.Refuse) return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "rejected by the test");
            using var stream = new MemoryStream(buffer.ToArray());
            sink._received.Writer.TryWrite(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
