using MQTTnet.Diagnostics.PacketInspection;
using MQTTnet.Protocol;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// MQTTnet's client reads packets on one loop and hands PUBLISHes to our handler from a queue served by another, so the
/// broker's reply to a ping can be read while publishes read before it still wait in that queue. Counting both ends lets a
/// drain wait until the handler has seen everything read before the reply, instead of waiting a while and hoping.
/// </summary>
public sealed class ReceivedPublishes
{
    private long _read;
    private long _handed;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>PUBLISH packets read off the connection so far.</summary>
    public long Read => Interlocked.Read(ref _read);

    /// <summary>MQTTnet's packet inspector: called on its receive loop for every packet, in order, before it is dispatched.</summary>
    public Task OnPacketAsync(InspectMqttPacketEventArgs e)
    {
        if (e.Direction == MqttPacketFlowDirection.Inbound && e.Buffer.Length > 0 && e.Buffer[0] >> 4 == (int)MqttControlPacketType.Publish)
            Interlocked.Increment(ref _read);
        return Task.CompletedTask;
    }

    /// <summary>The handler is done with one (taken or declined).</summary>
    public void Handed()
    {
        Interlocked.Increment(ref _handed);
        Volatile.Read(ref _progress).TrySetResult();
    }

    /// <summary>The connection is gone: MQTTnet drops what it had queued, so nothing read on it is waited for any longer.</summary>
    public void ConnectionLost()
    {
        var read = Read;
        for (var handed = Interlocked.Read(ref _handed); handed < read; handed = Interlocked.Read(ref _handed))
            if (Interlocked.CompareExchange(ref _handed, read, handed) == handed) break;
        Volatile.Read(ref _progress).TrySetResult();
    }

    /// <summary>Returns once the handler has been given the first <paramref name="read"/> publishes; throws if <paramref name="deadline"/> comes first.</summary>
    public async Task CaughtUpAsync(long read, CancellationToken deadline)
    {
        while (Interlocked.Read(ref _handed) < read)
        {
            var progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // A full fence before reading the count again: a hand-over after this sees the new signal.
            Interlocked.Exchange(ref _progress, progress);
            if (Interlocked.Read(ref _handed) >= read) return;
            await progress.Task.WaitAsync(deadline);
        }
    }
}
