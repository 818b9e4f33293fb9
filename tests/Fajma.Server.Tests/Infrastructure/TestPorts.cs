using System.Net;
using System.Net.Sockets;

namespace Fajma.Server.Tests.Infrastructure;

internal static class TestPorts
{
    /// <summary>A port free right now on 127.0.0.1 (the MQTT broker cannot report the port it bound to 0).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
