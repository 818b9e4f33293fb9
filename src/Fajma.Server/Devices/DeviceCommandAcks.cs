using System.Threading.Channels;

namespace Fajma.Server.Devices;

/// <summary>Acknowledgements from the transports to <see cref="DeviceCommands"/>: a queue, so the broker never waits on the store.</summary>
public sealed class DeviceCommandAcks
{
    private readonly Channel<DeviceCommandAck> _acks = Channel.CreateBounded<DeviceCommandAck>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Report(DeviceCommandAck ack) => _acks.Writer.TryWrite(ack);

    public ChannelReader<DeviceCommandAck> Reader => _acks.Reader;
}
