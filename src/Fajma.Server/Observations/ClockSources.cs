namespace Fajma.Server.Observations;

/// <summary>Whose clock an observation's <c>MeasuredAt</c> comes from (stored as text beside it).</summary>
public static class ClockSources
{
    /// <summary>The device's wall clock, within the seed's 1 s tolerance of the server's as far as it is known.</summary>
    public const string Device = "device";

    /// <summary>The device's wall clock while it was estimated more than 1 s off: the time is the device's word, not checked.</summary>
    public const string DeviceDoubtful = "device_doubtful";

    /// <summary>The server's receive time: the device sent only an uptime counter.</summary>
    public const string Server = "server";
}
