using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fajma.Server.Devices;

/// <summary>
/// Which device a client certificate proves, on MQTT/TLS and on HTTPS alike: issued by the device CA and
/// within its validity, its CN a known device, and still that device's current certificate (rotation and
/// revocation take effect at once, with no CRL to publish).
/// </summary>
public sealed class DeviceCertificateCheck(DeviceCertificateAuthority ca, DeviceDirectory directory)
{
    public async ValueTask<KnownDevice?> IdentifyAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!ca.Issued(certificate)) return null;
        var device = await directory.FindAsync(DeviceIdOf(certificate), cancellationToken);
        var thumbprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        return device is not null && device.CertificateThumbprint == thumbprint ? device : null;
    }

    public static string DeviceIdOf(X509Certificate2 certificate) =>
        (certificate ?? throw new ArgumentNullException(nameof(certificate))).GetNameInfo(X509NameType.SimpleName, false);
}
