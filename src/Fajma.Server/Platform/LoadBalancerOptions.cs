namespace Fajma.Server.Platform;

/// <summary>What the node takes from the load balancer in front of it (docs/scale-out.md §3).</summary>
public sealed class LoadBalancerOptions
{
    public const string Section = "LoadBalancer";

    /// <summary>
    /// The request header in which the balancer forwards the client certificate it received (e.g. <c>X-Client-Cert</c>
    /// with deploy/nginx, <c>ssl-client-cert</c> with ingress-nginx). Unset (the default): no header is trusted.
    /// </summary>
    public string? ClientCertificateHeader { get; set; }
}
