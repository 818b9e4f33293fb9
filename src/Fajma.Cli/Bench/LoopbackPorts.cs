using System.Net;
using System.Net.Sockets;

namespace Fajma.Cli.Bench;

internal static class LoopbackPorts
{
    /// <summary>A port free right now on 127.0.0.1 (the MQTT broker cannot report a port it bound to 0).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
