namespace Fajma.Core.Consultations;

/// <summary>A device command's lifecycle, as ThingsBoard's persistent RPC: only forward, the last four final.</summary>
public enum DeviceCommandStatus
{
    Queued,
    Sent,
    Delivered,
    Successful,
    Failed,
    Timeout,
    Expired,
}
