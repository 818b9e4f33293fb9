namespace Fajma.Server.Devices;

/// <summary>
/// Where devices reach the broker over TLS (for their bundle) and where the broker's trust files go (<c>Mqtt:BrokerConfigDirectory</c>).
/// Ingestion owns the MQTT settings and provides this, so Devices need not look up at them.
/// </summary>
public sealed record DeviceBroker(string TlsUrl, string? ConfigDirectory);
