namespace Fajma.Server.Ingestion;

/// <summary>Configuration section <c>Mqtt</c>: the embedded broker.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on; loopback by default so a demo is never exposed by accident.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Plain MQTT; devices sign in with id and secret. 0 turns it off (production: TLS only).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>MQTT over TLS 1.2/1.3 with client certificates from the device CA; 0 turns it off.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>What a device's bundle names as its broker (device.json <c>mqttUrl</c>).</summary>
    public string TlsUrl => $"mqtts://{Host}:{TlsPort}";
}
