namespace Fajma.Server.Devices;

/// <summary>What a device is given once, at provisioning: its identity, secret (base64url), certificate and key (PEM), and the CA to trust.</summary>
public sealed record ProvisionedDevice(string DeviceId, int PatientId, string Secret, string CertificatePem, string KeyPem, string CaPem);
