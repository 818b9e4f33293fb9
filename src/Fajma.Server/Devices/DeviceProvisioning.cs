using System.Security.Cryptography;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Devices;

/// <summary>
/// Provisions, rotates and revokes devices: a secret for signatures, a client certificate from the device CA.
/// Each step is audited with who did it; the HTTP endpoints and <c>fajma devices</c> both come through here.
/// </summary>
public sealed class DeviceProvisioning(FajmaDbContext db, DeviceSecrets secrets, DeviceCertificateAuthority ca, DeviceDirectory directory,
    AuditLog audit, TimeProvider time, BrokerTrust broker)
{
    public async Task<ProvisionedDevice> ProvisionAsync(string deviceId, string type, int patientId, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!Core.Messages.DeviceIdentifier.IsValid(deviceId)) throw new InvalidOperationException($"device id '{deviceId}' {Core.Messages.DeviceIdentifier.Rule}");
        if (deviceId.StartsWith(BrokerTrust.NodePrefix, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"device ids may not start with {BrokerTrust.NodePrefix} (the broker's server nodes)");
        if (!DeviceTypes.All.Contains(type)) throw new InvalidOperationException($"device type must be one of {string.Join(", ", DeviceTypes.All)}");
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
            throw new InvalidOperationException($"patient {patientId} does not exist");
        if (await db.Devices.AnyAsync(d => d.Id == deviceId, cancellationToken))
            throw new InvalidOperationException($"device '{deviceId}' exists; rotate its credentials instead");
        var device = new Device { Id = deviceId, Type = type, PatientId = patientId, RegisteredAt = time.GetUtcNow() };
        db.Devices.Add(device);
        var bundle = await IssueAsync(device, cancellationToken);
        await audit.RecordAsync(actor.Did(AuditActions.DeviceProvisioned, patientId, deviceId, type), cancellationToken);
        return bundle;
    }

    /// <summary>New secret and certificate; the old ones stop working at once.</summary>
    public async Task<ProvisionedDevice> RotateAsync(string deviceId, AuditActor actor, CancellationToken cancellationToken)
    {
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == deviceId && d.RevokedAt == null, cancellationToken)
            ?? throw new InvalidOperationException($"no active device '{deviceId}'");
        var replaced = device.CertificateThumbprint;
        var bundle = await IssueAsync(device, cancellationToken);
        broker.Revoke(replaced); // the old certificate on the broker's CRL too
        await audit.RecordAsync(actor.Did(AuditActions.DeviceRotated, device.PatientId, deviceId), cancellationToken);
        return bundle;
    }

    /// <summary>Refused from now on, on every transport. Its stored readings stay.</summary>
    public async Task RevokeAsync(string deviceId, AuditActor actor, CancellationToken cancellationToken)
    {
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken)
            ?? throw new InvalidOperationException($"no device '{deviceId}'");
        if (device.RevokedAt is not null) return;
        device.RevokedAt = time.GetUtcNow();
        device.SecretProtected = null;
        await db.SaveChangesAsync(cancellationToken);
        directory.Forget(deviceId);
        broker.Revoke(device.CertificateThumbprint);
        await audit.RecordAsync(actor.Did(AuditActions.DeviceRevoked, device.PatientId, deviceId), cancellationToken);
    }

    private async Task<ProvisionedDevice> IssueAsync(Device device, CancellationToken cancellationToken)
    {
        var (secret, protectedSecret) = secrets.Create();
        var (certificate, certificatePem, keyPem) = ca.IssueDevice(device.Id);
        device.SecretProtected = protectedSecret;
        device.CertificateThumbprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        await db.SaveChangesAsync(cancellationToken);
        directory.Update(new KnownDevice(device.Id, device.Type, device.PatientId, secret, device.CertificateThumbprint));
        return new ProvisionedDevice(device.Id, device.PatientId ?? 0, DeviceSecrets.Encode(secret), certificatePem, keyPem, ca.CertificatePem);
    }
}
