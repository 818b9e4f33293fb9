namespace Fajma.Server.Ingestion;

/// <summary>Configuration section <c>Mqtt</c>: the embedded broker.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on; loopback by default so a demo is never exposed by accident.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;
}
