using System.Text;

namespace Fajma.Server.Devices;

/// <summary>
/// Device trust at an external Mosquitto 2 (docs/scale-out.md "Device trust at the broker"): the configuration
/// <c>fajma broker config</c> writes from the device CA, and the CRL rewritten into <c>Mqtt:BrokerConfigDirectory</c>
/// whenever a certificate is revoked. Nodes sign in with their own certificates from the same CA (CN = node id).
/// </summary>
public sealed class BrokerTrust(DeviceCertificateAuthority ca, DeviceBroker broker)
{
    /// <summary>Node ids start with this; device ids may not, so a device can never hold a node's ACL block.</summary>
    public const string NodePrefix = "fajma-node-";

    public const string CrlFile = "crl.pem";

    /// <summary>Writes mosquitto.conf, acl, ca.pem, broker.pem/key, crl.pem and nodes/{id}.pem/key into <paramref name="directory"/>.</summary>
    public void Write(string directory, string host, int port, IReadOnlyCollection<string> nodeIds)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        foreach (var id in nodeIds)
            if (!id.StartsWith(NodePrefix, StringComparison.Ordinal) || !Core.Messages.DeviceIdentifier.IsValid(id))
                throw new InvalidOperationException($"node id '{id}' must start with {NodePrefix} and otherwise {Core.Messages.DeviceIdentifier.Rule}");
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(Path.Combine(directory, "nodes"));
        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.CertificatePem);
        var (brokerPem, brokerKey) = ca.IssueServerPem(host);
        File.WriteAllText(Path.Combine(directory, "broker.pem"), brokerPem);
        WritePrivate(Path.Combine(directory, "broker.key"), brokerKey);
        foreach (var id in nodeIds)
        {
            var (nodePem, nodeKey) = ca.IssueNode(id);
            File.WriteAllText(Path.Combine(directory, "nodes", id + ".pem"), nodePem);
            WritePrivate(Path.Combine(directory, "nodes", id + ".key"), nodeKey);
        }
        WriteAtomically(Path.Combine(directory, CrlFile), ca.Revoke(null));
        File.WriteAllText(Path.Combine(directory, "acl"), Acl(nodeIds));
        File.WriteAllText(Path.Combine(directory, "mosquitto.conf"), $"""
            # Written by `fajma broker config` from the platform's device CA (docs/scale-out.md "Device trust at the broker").
            # Devices and nodes present client certificates from that CA; the certificate's CN is the MQTT username
            # and, with use_username_as_clientid, the client id too, so no one can take over another's session.
            per_listener_settings false
            allow_anonymous false
            acl_file {directory}/acl

            listener {port} {host}
            cafile {directory}/ca.pem
            certfile {directory}/broker.pem
            keyfile {directory}/broker.key
            # Rewritten by the node on each revocation; Mosquitto 2 reads it again on SIGHUP.
            crlfile {directory}/{CrlFile}
            require_certificate true
            use_identity_as_username true
            # A listener option (placed before any listener it would open a plain default one on 1883).
            use_username_as_clientid true
            # The oldest TLS version accepted.
            tls_version tlsv1.2

            """);
    }

    /// <summary>
    /// Puts the certificate with this thumbprint on the CA's revocation list and, when <c>Mqtt:BrokerConfigDirectory</c> is set,
    /// rewrites the broker's CRL there (the broker applies it on reload: docs/scale-out.md).
    /// </summary>
    public void Revoke(string? thumbprint)
    {
        var crl = ca.Revoke(thumbprint);
        if (broker.ConfigDirectory is { Length: > 0 } directory) WriteAtomically(Path.Combine(directory, CrlFile), crl);
    }

    /// <summary>Devices: only their own topics (CN = device id = %u). Nodes: the shared subscriptions and every device's commands.</summary>
    private static string Acl(IEnumerable<string> nodeIds)
    {
        var acl = new StringBuilder("""
            # Written by `fajma broker config`. A device (username = its certificate's CN = its id) publishes only under its
            # own id and reads only its own commands; nothing else is allowed to it.
            pattern write fajma/sensors/%u
            pattern write fajma/sensors/%u/alerts
            pattern write fajma/sensors/%u/status
            pattern write fajma/devices/%u/commands/ack
            pattern read fajma/devices/%u/commands

            """);
        foreach (var id in nodeIds)
            acl.Append(System.Globalization.CultureInfo.InvariantCulture, $"""

                user {id}
                topic read fajma/sensors/#
                topic read fajma/devices/+/commands/ack
                topic read $share/fajma/fajma/sensors/#
                topic read $share/fajma/fajma/devices/+/commands/ack
                topic write fajma/devices/+/commands

                """);
        return acl.ToString();
    }

    private static void WritePrivate(string path, string text)
    {
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, Encoding.ASCII, file);
        writer.Write(text);
    }

    /// <summary>A broker reloading mid-write would read half a CRL: write beside it, then rename over it.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
