namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>Where device messages come in over MQTT: the embedded broker, or this node's session at an external one.</summary>
public interface IBrokerIntake
{
    /// <summary>Taking messages now: the embedded broker listening, or connected and subscribed to the external one.</summary>
    bool IsReady { get; }
}
