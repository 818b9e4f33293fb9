using System.Security.Cryptography;
using Fajma.Server.Platform;
using Microsoft.IdentityModel.Tokens;

namespace Fajma.Server.Identity;

/// <summary>
/// The ES256 (ECDSA P-256) key that signs access tokens. From configuration when given; otherwise
/// generated on first start into <c>{data}/keys/jwt-signing.pem</c>, readable by the owner only.
/// Asymmetric, so other services can verify tokens with the public half and no secret is shared.
/// </summary>
public static class SigningKey
{
    /// <summary>A throw-away key, for the build-time OpenAPI generation (which must write nothing).</summary>
    public static ECDsaSecurityKey Ephemeral() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ephemeral" };

    public static ECDsaSecurityKey Load(AuthOptions options, string dataDirectory)
    {
        var ecdsa = ECDsa.Create();
        if (options.SigningKeyPem is { Length: > 0 } pem)
        {
            ecdsa.ImportFromPem(pem);
            return new ECDsaSecurityKey(ecdsa) { KeyId = "configured" };
        }
        var path = Path.Combine(dataDirectory, "keys", "jwt-signing.pem");
        ecdsa.ImportFromPem(KeyFiles.ReadOrCreate(path, KeyFiles.NewP256Pem));
        return new ECDsaSecurityKey(ecdsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16] };
    }
}
