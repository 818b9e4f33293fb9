using System.Security.Cryptography.X509Certificates;

namespace Fajma.Server.Platform;

/// <summary>
/// Behind a load balancer that terminates TLS, the client certificate a device presented reaches the node in a header
/// (<c>LoadBalancer:ClientCertificateHeader</c>; nginx: <c>$ssl_client_escaped_cert</c>, URL-escaped PEM). The node then
/// sees it as if it had taken the TLS handshake itself, so an HTTPS request stays bound to the device its certificate
/// proves. Like forwarded addresses, this trusts whoever sends the header: the nodes must be reachable only through the
/// balancer, which must overwrite the header on every request (deploy/nginx, docs/scale-out.md §3).
/// </summary>
public static class LoadBalancerExtensions
{
    public static IHostApplicationBuilder AddLoadBalancer(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LoadBalancerOptions.Section).Get<LoadBalancerOptions>() ?? new();
        if (options.ClientCertificateHeader is { Length: > 0 } header)
            builder.Services.AddCertificateForwarding(o =>
            {
                o.CertificateHeader = header;
                o.HeaderConverter = value => FromHeader(value)!; // the middleware takes null as no certificate
            });
        return builder;
    }

    public static WebApplication UseLoadBalancer(this WebApplication app)
    {
        if (app.Configuration[$"{LoadBalancerOptions.Section}:{nameof(LoadBalancerOptions.ClientCertificateHeader)}"] is { Length: > 0 })
            app.UseCertificateForwarding();
        return app;
    }

    /// <summary>URL-escaped PEM (nginx) or plain PEM; anything unreadable counts as no certificate, as a bad handshake would.</summary>
    internal static X509Certificate2? FromHeader(string value)
    {
        try
        {
            return X509Certificate2.CreateFromPem(Uri.UnescapeDataString(value));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
