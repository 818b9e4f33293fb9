namespace Fajma.Core.Messages;

/// <summary>The <c>header.message_type</c> values of seed 000 §2.2A.</summary>
public static class MessageTypes
{
    public const string VitalSigns = "VITAL_SIGNS";
    public const string DeviceStatus = "DEVICE_STATUS";
    public const string CriticalAlert = "CRITICAL_ALERT";
}
