using System.Security.Cryptography;
using System.Buffers.Text;
using Fajma.Server.Platform;

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
        ecdsa.ImportFromPem(KeyFiles.ReadOrCreate(Path.Combine(dataDirectory, "keys", "vapid.pem"), KeyFiles.NewP256Pem));
        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        return new VapidKeys(Base64Url.EncodeToString(point), Base64Url.EncodeToString(parameters.D!));
    }
}
