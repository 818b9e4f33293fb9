using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Consultations;

/// <summary><c>GET /api/v1/rtc/ice-servers</c>: STUN, and TURN with time-limited credentials in coturn's REST scheme.</summary>
public static class RtcEndpoints
{
    public static IEndpointRouteBuilder MapRtcEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/rtc").WithTags("Consultations").RequireAuthorization().RequireRateLimiting(RateLimiting.User)
            .MapGet("/ice-servers", GetIceServers).WithSummary("ICE servers for a call; TURN credentials expire (coturn use-auth-secret).");
        return app;
    }

    public static Ok<IceServersDto> GetIceServers(CurrentUser user, IOptions<RtcOptions> options, TimeProvider time)
    {
        var rtc = options.Value;
        var servers = new List<IceServerDto>();
        if (rtc.StunUrls.Length > 0) servers.Add(new IceServerDto(rtc.StunUrls, null, null));
        if (rtc.TurnUrls.Length > 0 && !string.IsNullOrEmpty(rtc.TurnSecret))
        {
            var (username, credential) = TurnCredentials(rtc.TurnSecret, user.Id, time.GetUtcNow() + rtc.CredentialLifetime);
            servers.Add(new IceServerDto(rtc.TurnUrls, username, credential));
        }
        return TypedResults.Ok(new IceServersDto(servers, (int)rtc.CredentialLifetime.TotalSeconds));
    }

    /// <summary>
    /// coturn's REST scheme: user name <c>"{unix expiry}:{user}"</c>, password base64(HMAC-SHA1(secret, user name)).
    /// coturn recomputes it from the shared secret and refuses it after the expiry.
    /// </summary>
    public static (string Username, string Credential) TurnCredentials(string secret, int userId, DateTimeOffset expires)
    {
        var username = string.Create(CultureInfo.InvariantCulture, $"{expires.ToUnixTimeSeconds()}:{userId}");
#pragma warning disable CA5350 // HMAC-SHA1 is what coturn's REST credentials are defined with; the secret never leaves the servers
        var credential = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
        return (username, credential);
    }
}
