namespace Fajma.Server.Devices;

/// <summary>
/// A provisioned device's credentials, shown this once (the server keeps the secret only encrypted and never
/// the key): the same bundle <c>fajma devices provision</c> writes as ca.pem, device.pem, device.key, device.json.
/// </summary>
public sealed record DeviceBundleDto(DeviceDto Device, string Secret, string CertificatePem, string KeyPem, string CaPem, string MqttUrl);
