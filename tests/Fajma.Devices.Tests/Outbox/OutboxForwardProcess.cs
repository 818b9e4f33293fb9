using Fajma.Devices.Outbox;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Tests.Outbox;

/// <summary>
/// The device side of the kill-while-sending test, as its own process (<c>… outbox-forward PATH URL</c>): forwards an
/// existing outbox over HTTPS-style POSTs (<see cref="HttpDeviceTransport"/>) until killed.
/// </summary>
internal static class OutboxForwardProcess
{
    public static int Run(string path, Uri server)
    {
        using var outbox = SqliteOutbox.Open(path, capacity: 1_000_000);
        using var http = new HttpClient();
        var transport = new HttpDeviceTransport(http, server);
        var result = new OutboxForwarder(outbox, transport).DrainAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result.Stalled ? 1 : 0;
    }
}
