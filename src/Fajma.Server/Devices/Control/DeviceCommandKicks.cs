using System.Threading.Channels;

namespace Fajma.Server.Devices.Control;

/// <summary>
/// Devices that may be reachable now (a command was asked for them, or they connected): the transports say so here and
/// <see cref="DeviceCommandDispatcher"/> sends what waits. Apart from the dispatcher so the brokers need not know it.
/// </summary>
public sealed class DeviceCommandKicks
{
    private readonly Channel<string> _devices = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
    });

    public void Kick(string deviceId) => _devices.Writer.TryWrite(deviceId);

    public ChannelReader<string> Reader => _devices.Reader;
}
