namespace Fajma.Server.Live;

/// <summary>Event names of <c>/hubs/monitoring</c> (ARCHITECTURE §4: fixed, other clients rely on them).</summary>
public static class MonitoringEvents
{
    public const string Observation = "observation";
    public const string DeviceStatus = "deviceStatus";
    public const string Alert = "alert";
    public const string News2 = "news2";
}
