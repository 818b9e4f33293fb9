namespace Fajma.Server.Alerts;

/// <summary>
/// What Alerts need to know of intake, which sits a floor higher and provides it: how old a device message may be (so a
/// device alert key older than that cannot come again), and the counts the system monitor compares window to window.
/// </summary>
public interface IIntakeFacts
{
    TimeSpan MaxMessageAge { get; }

    long StoredTotal { get; }

    long RejectedTotal { get; }

    (TimeSpan Total, long Count) Latency { get; }
}
