using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Fajma.Server.Devices;

/// <summary>
/// HTTPS for the web app, the API and device ingestion. Unless a certificate is configured (Kestrel's own
/// <c>Kestrel:Certificates:Default</c>), the platform CA issues one for localhost/127.0.0.1 at start —
/// the same root devices trust in ca.pem. Devices may present their client certificate; browsers need none.
/// </summary>
public static class HttpsExtensions
{
    public static IHostApplicationBuilder AddHttps(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection("Kestrel:Certificates:Default").Exists();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<DeviceCertificateAuthority>((kestrel, ca) => kestrel.ConfigureHttpsDefaults(https =>
        {
            if (!configured) https.ServerCertificate = ca.IssueServer("localhost");
            https.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
            // Asked for, never required: which certificate proves which device is decided per request (DeviceCertificateCheck).
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        }));
        return builder;
    }
}
