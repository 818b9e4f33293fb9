using System.Net;
using System.Net.Sockets;

namespace Fajma.Server.Platform;

/// <summary>
/// Ports for servers started side by side on 127.0.0.1 by the tests and the benches (the MQTT broker cannot report a
/// port it bound to 0, so one is chosen first and passed in).
/// </summary>
public static class LoopbackPorts
{
    // Below Linux's ephemeral range (32768–60999): a port handed out here is not taken back in the meantime by some
    // client's outgoing connection or another server's bind to port 0, which is what a port probed with 0 risks.
    private const int First = 20_000, Last = 32_767;
    private static readonly HashSet<int> s_given = [];

    /// <summary>A port free right now on 127.0.0.1, never handed out before by this process.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last + 1); // random: other processes pick from the same range
            lock (s_given)
                if (!s_given.Add(port)) continue;
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use by someone else: try another
            }
        }
        throw new InvalidOperationException($"No free port on 127.0.0.1 between {First} and {Last}.");
    }

    /// <summary>
    /// Starts something on a port chosen here, and on another (three tries in all) if that start fails: a port free when
    /// chosen may be taken by another process before it is bound (the engine's start script then fails).
    /// </summary>
    public static async Task<T> StartOnFreeAsync<T>(Func<int, Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(Free());
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 3)
            {
                // taken meanwhile: another port
            }
        }
    }
}
