namespace Fajma.Devices.Transport;

/// <summary>A transport that hears the server's commands (MQTT topic, or the answer to an HTTP post) and applies them to <see cref="Control"/>.</summary>
public interface ICommandedTransport
{
    DeviceControl Control { get; }
}
