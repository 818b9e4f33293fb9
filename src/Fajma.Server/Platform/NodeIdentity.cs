namespace Fajma.Server.Platform;

/// <summary>
/// Which node of a cluster this process is: <c>Mqtt:NodeId</c>, else <c>fajma-{machine}-{HTTP port}</c>. The same id
/// names the node's MQTT session (external broker) and labels its metrics (<c>node</c>), so a dashboard and the broker
/// speak of the same thing.
/// </summary>
public sealed record NodeIdentity(string Id)
{
    /// <summary>The label every Fajma metric carries.</summary>
    public const string Tag = "node";

    public static NodeIdentity From(IConfiguration configuration) =>
        new(configuration["Mqtt:NodeId"] is { Length: > 0 } id ? id : DefaultId(configuration));

    /// <summary>Stable across restarts, distinct per node on one machine: <c>fajma-{machine}-{HTTP port}</c>.</summary>
    public static string DefaultId(IConfiguration configuration)
    {
        var first = (configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var port = first is not null && Uri.TryCreate(first.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : 0;
        return port > 0 ? $"fajma-{Environment.MachineName}-{port}" : $"fajma-{Environment.MachineName}";
    }

    /// <summary>
    /// The <c>node</c> label, added to each measurement. Not a meter tag: the Prometheus exporter renders those as
    /// <c>otel_scope_node</c> (OpenTelemetry's Prometheus compatibility rules), and dashboards want plain <c>node</c>.
    /// </summary>
    public KeyValuePair<string, object?> Label => new(Tag, Id);
}
