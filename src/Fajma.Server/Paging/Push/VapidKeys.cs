using System.Security.Cryptography;
using System.Buffers.Text;

namespace Fajma.Server.Paging.Push;

/// <summary>
/// The server's VAPID key pair (RFC 8292): push services accept a message only when its JWT is signed by the key the
/// browser subscribed with. From configuration when given; otherwise generated once into <c>{data}/keys/vapid.pem</c>
/// (owner-only), which the nodes of a cluster share like the token signing key.
/// </summary>
public sealed class VapidKeys
{
    private VapidKeys(string publicKey, string privateKey) => (PublicKey, PrivateKey) = (publicKey, privateKey);

    /// <summary>The uncompressed P-256 point, base64url: the browser's <c>applicationServerKey</c>.</summary>
    public string PublicKey { get; }

    /// <summary>The private scalar, base64url.</summary>
    public string PrivateKey { get; }

    public static VapidKeys Load(PushOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicKey is { Length: > 0 } configuredPublic && options.PrivateKey is { Length: > 0 } configuredPrivate)
            return new VapidKeys(configuredPublic, configuredPrivate);
        using var ecdsa = ECDsa.Create();
        var path = Path.Combine(dataDirectory, "keys", "vapid.pem");
        if (!TryRead(ecdsa, path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ecdsa.GenerateKey(ECCurve.NamedCurves.nistP256);
            try
            {
                var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var writer = new StreamWriter(path, file);
                writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another node of the cluster wrote it first: every node must use the same key.
                if (!TryRead(ecdsa, path)) throw;
            }
        }
        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        return new VapidKeys(Base64Url.EncodeToString(point), Base64Url.EncodeToString(parameters.D!));
    }

    private static bool TryRead(ECDsa ecdsa, string path)
    {
        if (!File.Exists(path)) return false;
        for (var attempt = 0; ; attempt++)
        {
            var pem = File.ReadAllText(path);
            if (pem.Contains("-----END", StringComparison.Ordinal))
            {
                ecdsa.ImportFromPem(pem);
                return true;
            }
            if (attempt == 50) throw new InvalidDataException($"{path} is not a PEM key");
            Thread.Sleep(20); // the other node is still writing it
        }
    }
}
