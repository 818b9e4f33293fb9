using System.Threading.Channels;
using Fajma.Server.Platform.Cluster;

namespace Fajma.Server.Devices;

/// <summary>
/// Acknowledgements from the transports to <see cref="DeviceCommands"/>: a queue, so the broker never waits on the store.
/// On a cluster a device's answer reaches whichever node the broker chose, not necessarily the node awaiting it: every
/// answer goes to every node (<see cref="ClusterBus"/>), and the node awaiting the command takes it.
/// </summary>
public sealed class DeviceCommandAcks
{
    private const string Topic = "commands.answer";
    private readonly Channel<DeviceCommandAck> _acks = Channel.CreateBounded<DeviceCommandAck>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly ClusterBus _bus;

    public DeviceCommandAcks(ClusterBus bus)
    {
        _bus = bus;
        bus.Subscribe(Topic, DevicesJsonContext.Default.DeviceCommandAck, ack => _acks.Writer.TryWrite(ack));
    }

    public void Report(DeviceCommandAck ack) => _bus.Publish(Topic, ack, DevicesJsonContext.Default.DeviceCommandAck);

    public ChannelReader<DeviceCommandAck> Reader => _acks.Reader;
}
