using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of the server that can reset every connection through it at once
/// (RST, as a dropped network does): clients see real connection failures, the server sees sockets die.
/// </summary>
internal sealed class ResettingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Socket, Socket> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ResettingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Resets { get; private set; }

    /// <summary>While true, every new connection is reset at once, as an unreachable server's would be.</summary>
    public bool Refusing { get; set; }

    /// <summary>Resets every open connection (abortive close: the peers get RST, not a polite FIN).</summary>
    public void ResetAll()
    {
        foreach (var (client, server) in _connections)
        {
            Abort(client);
            Abort(server);
        }
        _connections.Clear();
        Resets++;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested) _ = PipeAsync(await _listener.AcceptSocketAsync(_stop.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PipeAsync(Socket client)
    {
        if (Refusing)
        {
            Abort(client);
            return;
        }
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token); // refused while the server restarts: the client retries
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Abort(client);
            server.Dispose();
            return;
        }
        _connections[client] = server;
        await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        _connections.TryRemove(client, out _);
        Abort(client);
        Abort(server);
    }

    private async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0) await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        ResetAll();
        await _accepting;
        _stop.Dispose();
    }
}
