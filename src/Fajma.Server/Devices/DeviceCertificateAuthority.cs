using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Fajma.Server.Devices;

/// <summary>
/// The platform's device CA (ECDSA P-256), created on first start under <c>{data}/keys</c>: the
/// certificate in <c>device-ca.pem</c>, the private key encrypted with Data Protection in
/// <c>device-ca.key.protected</c>. It issues each device's client certificate (CN = device id) and the
/// MQTT broker's TLS certificate, so devices trust exactly one root: <c>ca.pem</c>. For an external broker it also issues the
/// nodes' client certificates and keeps a revocation list (<c>device-ca.crl</c>) of the certificates it revoked.
/// </summary>
public sealed class DeviceCertificateAuthority
{
    private readonly X509Certificate2 _ca;
    private readonly ECDsa _caKey;
    private readonly string _issued;
    private readonly string _crlPath;
    private readonly Lock _crlLock = new();

    public DeviceCertificateAuthority(string dataDirectory, IDataProtectionProvider protection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(protection);
        var protector = protection.CreateProtector("Fajma.Devices.CaKey.v1");
        var keys = Path.Combine(dataDirectory, "keys");
        var certPath = Path.Combine(keys, "device-ca.pem");
        var keyPath = Path.Combine(keys, "device-ca.key.protected");
        _issued = Path.Combine(keys, "issued");
        _crlPath = Path.Combine(keys, "device-ca.crl");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            _caKey = ECDsa.Create();
            _caKey.ImportFromPem(protector.Unprotect(File.ReadAllText(keyPath)));
            _ca = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        }
        else
        {
            Directory.CreateDirectory(keys);
            _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Fajma Device CA, O=Fajma", _caKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            var now = time.GetUtcNow();
            _ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
            File.WriteAllText(keyPath, protector.Protect(_caKey.ExportPkcs8PrivateKeyPem()));
            File.WriteAllText(certPath, _ca.ExportCertificatePem());
        }
        Time = time;
    }

    private TimeProvider Time { get; }

    public string CertificatePem => _ca.ExportCertificatePem();

    public X509Certificate2 Certificate => _ca;

    /// <summary>A client certificate for a device: CN = its id, client authentication only, two years.</summary>
    public (X509Certificate2 Certificate, string CertificatePem, string KeyPem) IssueDevice(string deviceId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={deviceId}, O=Fajma devices", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], true)); // client authentication
        var certificate = Sign(request, TimeSpan.FromDays(730));
        Record(certificate);
        return (certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A server node's client certificate for the external broker: CN = its node id, client authentication, one year.</summary>
    public (string CertificatePem, string KeyPem) IssueNode(string nodeId)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={nodeId}, O=Fajma nodes", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], true));
        using var certificate = Sign(request, TimeSpan.FromDays(365));
        Record(certificate);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The broker's TLS certificate for 127.0.0.1 / localhost (and <paramref name="hostName"/>), with its private key.</summary>
    public X509Certificate2 IssueServer(string hostName)
    {
        var (certificatePem, keyPem) = IssueServerPem(hostName);
        using var withKey = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        // The TLS stack needs the key attached and exportable in a form it can load on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A TLS server certificate for <paramref name="hostName"/>, localhost and 127.0.0.1, as PEM (an external broker reads files).</summary>
    public (string CertificatePem, string KeyPem) IssueServerPem(string hostName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}, O=Fajma", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        if (System.Net.IPAddress.TryParse(hostName, out var address)) { if (!address.Equals(System.Net.IPAddress.Loopback)) names.AddIpAddress(address); }
        else if (hostName != "localhost") names.AddDnsName(hostName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], true)); // server authentication
        using var signed = Sign(request, TimeSpan.FromDays(90));
        return (signed.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Adds the certificate with this SHA-256 thumbprint (a device revoked, or a certificate replaced by rotation) to the CA's
    /// revocation list and signs it again; null only re-signs. Returns the CRL as PEM. Certificates issued before the CA
    /// kept its <c>issued/</c> record cannot be named (their serial is unknown): the node still refuses them.
    /// </summary>
    public string Revoke(string? thumbprint)
    {
        lock (_crlLock)
        {
            var number = BigInteger.Zero;
            var builder = File.Exists(_crlPath) ? CertificateRevocationListBuilder.Load(File.ReadAllBytes(_crlPath), out number) : new CertificateRevocationListBuilder();
            var now = Time.GetUtcNow();
            if (thumbprint is not null && File.Exists(IssuedPath(thumbprint)))
            {
                using var revoked = X509Certificate2.CreateFromPem(File.ReadAllText(IssuedPath(thumbprint)));
                builder.AddEntry(revoked, now, X509RevocationReason.CessationOfOperation);
            }
            // A CA created in this process still holds its key; one read from disk gets it attached.
            using var issuer = _ca.HasPrivateKey ? X509CertificateLoader.LoadPkcs12(_ca.Export(X509ContentType.Pkcs12), null) : _ca.CopyWithPrivateKey(_caKey);
            // OpenSSL refuses every client once the CRL's next update has passed: a year, re-signed by each revocation and `fajma broker config`.
            var crl = builder.Build(issuer, number + 1, now.AddDays(365), HashAlgorithmName.SHA256, thisUpdate: now.AddMinutes(-5));
            File.WriteAllBytes(_crlPath, crl);
            return PemEncoding.WriteString("X509 CRL", crl);
        }
    }

    private string IssuedPath(string thumbprint) => Path.Combine(_issued, thumbprint.ToUpperInvariant() + ".pem");

    /// <summary>Keeps each issued certificate by thumbprint (the device row holds only that) so a revocation can name its serial.</summary>
    private void Record(X509Certificate2 certificate)
    {
        Directory.CreateDirectory(_issued);
        File.WriteAllText(IssuedPath(Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256))), certificate.ExportCertificatePem());
    }

    /// <summary>True when <paramref name="certificate"/> was issued by this CA and is within its validity.</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation is ours: the device row's thumbprint and revoked flag
        chain.ChainPolicy.VerificationTime = Time.GetUtcNow().UtcDateTime;
        return chain.Build(certificate);
    }

    private X509Certificate2 Sign(CertificateRequest request, TimeSpan lifetime)
    {
        var now = Time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        var notAfter = now + lifetime < _ca.NotAfter ? now + lifetime : _ca.NotAfter.ToUniversalTime();
        return request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), now.AddMinutes(-5), notAfter, serial);
    }
}
