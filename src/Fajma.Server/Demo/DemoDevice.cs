namespace Fajma.Server.Demo;

/// <summary>A demo device and how the demo simulates it: the ESP32 sketch over MQTT, or a standard-message device over HTTPS.</summary>
public sealed record DemoDevice(string Id, string Type, int PatientId, bool UsesMqtt, byte[] Secret);
