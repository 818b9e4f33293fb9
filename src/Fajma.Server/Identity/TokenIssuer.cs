using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Fajma.Server.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Fajma.Server.Identity;

/// <summary>Issues access tokens (ES256 JWT) and refresh tokens (random, stored as SHA-256) for a session.</summary>
public sealed class TokenIssuer(ECDsaSecurityKey key, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public SecurityKey Key => key;

    /// <summary>
    /// Starts a refresh token whose session passed a second factor, so refreshing keeps the claim without a column: only the
    /// hash of the whole value is stored, so a client adding the prefix presents a token that does not exist.
    /// </summary>
    private const string SecondFactorPrefix = "mfa.";

    public static bool PassedSecondFactor(string refreshToken) => refreshToken.StartsWith(SecondFactorPrefix, StringComparison.Ordinal);

    /// <summary>The session of <paramref name="role"/> lacks the second factor <see cref="AuthOptions.RequireMfaFor"/> asks of it.</summary>
    public bool LacksRequiredSecondFactor(string role, bool secondFactor) => !secondFactor && options.Value.RequiresSecondFactor(role);

    public (string Token, DateTimeOffset ExpiresAt) CreateAccessToken(User user, Guid session, bool secondFactor = false)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(FajmaClaims.Subject, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(FajmaClaims.Email, user.Email),
            new(FajmaClaims.Name, user.DisplayName),
            new(FajmaClaims.Role, user.Role),
            new(FajmaClaims.Session, session.ToString()),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
        };
        if (secondFactor) claims.Add(new(FajmaClaims.AuthenticationMethods, FajmaClaims.SecondFactorMethod));
        if (user.PatientId is { } patientId) claims.Add(new(FajmaClaims.PatientId, patientId.ToString(CultureInfo.InvariantCulture)));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
        return (token, expires);
    }

    /// <summary>A new refresh token of <paramref name="family"/>: the plain value for the client, the row to store.</summary>
    public (string Token, RefreshToken Row) CreateRefreshToken(User user, Guid family, bool secondFactor = false)
    {
        var value = (secondFactor ? SecondFactorPrefix : "") + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        return (value, new RefreshToken
        {
            UserId = user.Id,
            FamilyId = family,
            TokenHash = Hash(value),
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        });
    }

    public static string Hash(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(refreshToken)));

    public static UserDto ToDto(User user) => new(user.Id, user.Email, user.DisplayName, user.Role, user.PatientId);
}
