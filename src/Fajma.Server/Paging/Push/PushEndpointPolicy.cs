namespace Fajma.Server.Paging.Push;

/// <summary>
/// Which push endpoints the server will POST to: https on a browser's push service only. Without it a subscription is
/// a server-side request forgery hole — anyone signed in could make the server call an internal address.
/// </summary>
public static class PushEndpointPolicy
{
    /// <summary>Null when allowed; otherwise why not.</summary>
    /// <summary>The push service a subscription names, as receipts and lists show it (never the endpoint's secret path).</summary>
    public static string HostOf(string endpoint) => Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Host : "?";

    public static string? Refusal(string? endpoint, PushOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(endpoint) || endpoint.Length > 1024 || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            return "must be an absolute URL of at most 1024 characters";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "must not carry credentials";
        if (options.AllowLoopback && uri.IsLoopback && uri.Host == "127.0.0.1" && uri.Scheme is "http" or "https") return null;
        if (uri.Scheme != Uri.UriSchemeHttps || !uri.IsDefaultPort) return "must be an https URL of a browser push service on port 443";
        var host = uri.IdnHost.ToLowerInvariant();
        var allowed = options.AllowedHosts.Any(a => a.StartsWith('.') ? host.EndsWith(a, StringComparison.Ordinal) && host.Length > a.Length : host == a);
        return allowed ? null : $"{host} is not a known push service ({string.Join(", ", options.AllowedHosts)})";
    }
}
