using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;

namespace Fajma.Server.Identity;

/// <summary>
/// Single-use, expiring invitation links (a consultation's guest, a patient's follower): a random token shown once, only
/// its SHA-256 kept, and one answer for a link that cannot be used, whatever the reason, so it tells nothing.
/// </summary>
public static class InvitationLinks
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, TokenIssuer.Hash(token));
    }

    public static ProblemHttpResult Unusable(string whoToAsk) =>
        TypedResults.Problem(title: "This invitation cannot be used",
            detail: $"the link was already used, has expired, or does not exist; ask {whoToAsk} for a new one", statusCode: StatusCodes.Status401Unauthorized);
}
