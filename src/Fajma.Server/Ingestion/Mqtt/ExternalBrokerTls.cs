using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// A node's TLS to the external broker (<c>mqtts://</c>): its client certificate from <c>fajma broker config</c> and, when
/// <c>Mqtt:CaCertificate</c> is set, a broker certificate that must chain to exactly that CA (the platform's device CA).
/// </summary>
internal static class ExternalBrokerTls
{
    public static MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder, MqttOptions settings, Uri uri)
    {
        if (uri.Scheme != "mqtts" || (settings.CaCertificate is null && settings.ClientCertificate is null)) return builder;
        // Read on every connection: certificates renewed on disk are used at the next reconnect.
        var ca = settings.CaCertificate is { } caPath ? X509Certificate2.CreateFromPem(File.ReadAllText(caPath)) : null;
        X509Certificate2? client = null;
        if (settings.ClientCertificate is { } certificatePath)
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, settings.ClientKey
                ?? throw new InvalidOperationException("Mqtt:ClientCertificate needs Mqtt:ClientKey"));
            // SslStream wants the key attached in a form it can load on every platform.
            client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls().WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
            if (client is not null) tls.WithClientCertificates([client]);
            if (ca is not null) tls.WithCertificateValidationHandler(e => Trusted(ca, e.Certificate, e.SslPolicyErrors));
        });
    }

    /// <summary>The host name must match; the chain must end at <paramref name="ca"/>, whatever the machine's roots say.</summary>
    private static bool Trusted(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // the broker's certificate is the platform's own, short-lived
        return chain.Build(certificate);
    }
}
