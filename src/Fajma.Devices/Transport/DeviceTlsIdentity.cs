using System.Security.Cryptography.X509Certificates;

namespace Fajma.Devices.Transport;

/// <summary>A device's TLS identity from its bundle: its client certificate with key, and the one CA it trusts (ca.pem).</summary>
public sealed record DeviceTlsIdentity(X509Certificate2 Certificate, X509Certificate2 TrustedCa)
{
    public static DeviceTlsIdentity FromPem(string certificatePem, string keyPem, string caPem)
    {
        // Exported and reloaded so the key is usable by the TLS stack on every platform.
        using var withKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        return new DeviceTlsIdentity(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null), X509Certificate2.CreateFromPem(caPem));
    }

    /// <summary>
    /// An HTTPS handler that presents the device's certificate and trusts only its CA, as the firmware does; one per device,
    /// so each keeps its own connection (and its own TLS session) open between posts.
    /// </summary>
    public SocketsHttpHandler CreateHttpHandler() => new()
    {
        SslOptions =
        {
            ClientCertificates = [Certificate],
            RemoteCertificateValidationCallback = (_, certificate, _, _) => TrustsServer(certificate),
        },
    };

    /// <summary>True when the server's certificate chains to the trusted CA, and to nothing else.</summary>
    public bool TrustsServer(X509Certificate? serverCertificate) => ChainsTo(TrustedCa, serverCertificate);

    /// <summary>True when <paramref name="presented"/> chains to <paramref name="ca"/> alone (as an ESP32 checks with ca.pem); revocation is the platform's, not a CRL's.</summary>
    public static bool ChainsTo(X509Certificate2 ca, X509Certificate? presented)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (presented is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
