namespace Fajma.Server.Devices;

public enum DeviceCommandAckKind
{
    Delivered,
    Succeeded,
    Failed,
}
