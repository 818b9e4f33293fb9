namespace Fajma.Devices.Transport;

/// <summary>How a device sends a message and hears back (MQTT QoS 1 PUBACK, or HTTP status). Two transports, one contract.</summary>
public interface IDeviceTransport : IAsyncDisposable
{
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends and waits for the server's acknowledgement, which means the message is durable.</summary>
    Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
