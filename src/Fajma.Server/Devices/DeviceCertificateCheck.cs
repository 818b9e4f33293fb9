using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fajma.Server.Devices;

/// <summary>
/// Which device a client certificate proves, on MQTT/TLS and on HTTPS alike: issued by the device CA and
/// within its validity, its CN a known device, and still that device's current certificate (rotation and
/// revocation take effect at once, with no CRL to publish).
/// </summary>
public sealed class DeviceCertificateCheck(DeviceCertificateAuthority ca, DeviceDirectory directory, TimeProvider time)
{
    /// <summary>What never changes about a certificate the CA is known to have issued: checked once, not on every request.</summary>
    private sealed record Examined(string DeviceId, string Thumbprint, DateTime NotBefore, DateTime NotAfter);

    // Kestrel hands every request of one TLS connection the same certificate object, so an HTTPS device's posts build its
    // chain once (that build and its signature check were most of an HTTPS post's CPU; docs/performance.md, issue 15).
    // Entries go with the certificate when its connection ends.
    private readonly ConditionalWeakTable<X509Certificate2, Examined> _examined = new();

    public async ValueTask<KnownDevice?> IdentifyAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (Examine(certificate) is not { } examined) return null;
        var now = time.GetUtcNow().UtcDateTime;
        if (now < examined.NotBefore || now > examined.NotAfter) return null;
        // The device's row, by contrast, is read each time (from the directory's short cache): a rotated or revoked
        // certificate stops proving its device on the next request, even on a connection opened before.
        var device = await directory.FindAsync(examined.DeviceId, cancellationToken);
        return device is not null && device.CertificateThumbprint == examined.Thumbprint ? device : null;
    }

    /// <summary>The certificate's facts when the CA issued it; a refusal is not remembered (time may make it valid, and it is rare).</summary>
    private Examined? Examine(X509Certificate2 certificate)
    {
        if (_examined.TryGetValue(certificate, out var known)) return known;
        if (!ca.Issued(certificate)) return null;
        var examined = new Examined(DeviceIdOf(certificate), Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        return _examined.GetValue(certificate, _ => examined);
    }

    public static string DeviceIdOf(X509Certificate2 certificate) =>
        (certificate ?? throw new ArgumentNullException(nameof(certificate))).GetNameInfo(X509NameType.SimpleName, false);
}
