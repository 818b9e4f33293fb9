using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Buffers.Text;

namespace Fajma.Server.Paging.Push;

/// <summary><c>/api/v1/push</c>: the VAPID public key, and the caller's browsers subscribing and unsubscribing.</summary>
public static class PushEndpoints
{
    /// <summary>The web app's languages; a nudge to a browser without one is written in English.</summary>
    private static readonly string[] Languages = ["en", "fr"];

    public static IEndpointRouteBuilder MapPushEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/push").WithTags("Paging").RequireRateLimiting(RateLimiting.User);
        group.MapGet("/vapid-public-key", GetPublicKey).AllowAnonymous().WithSummary("The key a browser subscribes with (applicationServerKey).");
        var mine = group.MapGroup("/subscriptions").RequireAuthorization();
        mine.MapGet("/", ListSubscriptions).WithSummary("The caller's subscribed browsers.");
        mine.MapPost("/", Subscribe).WithSummary("Registers this browser's PushSubscription for the caller's pages (a browser push service only).");
        mine.MapDelete("/", Unsubscribe).WithSummary("Forgets the subscription with this endpoint.");
        return app;
    }

    public static Ok<VapidPublicKeyDto> GetPublicKey(VapidKeys keys) => TypedResults.Ok(new VapidPublicKeyDto(keys.PublicKey));

    public static async Task<Ok<List<PushSubscriptionDto>>> ListSubscriptions(CurrentUser user, FajmaDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.PushSubscriptions.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ToDto).ToList());
    }

    public static async Task<Results<Created<PushSubscriptionDto>, ValidationProblem>> Subscribe(PushSubscriptionRequest? request, CurrentUser user,
        FajmaDbContext db, IOptions<PagingOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (PushEndpointPolicy.Refusal(request?.Endpoint, options.Value.Push) is { } refusal) errors["endpoint"] = [refusal];
        if (!IsKey(request?.Keys?.P256dh, 65, first: 0x04)) errors["keys.p256dh"] = ["must be the browser's uncompressed P-256 public key, base64url (65 bytes)"];
        if (!IsKey(request?.Keys?.Auth, 16)) errors["keys.auth"] = ["must be the 16-byte authentication secret, base64url"];
        if (request?.Language is { } language && !Languages.Contains(language)) errors["language"] = [$"must be one of {string.Join(", ", Languages)}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // One row per endpoint: a browser that subscribes again (new keys, or another account signed in) replaces it.
        var row = await db.PushSubscriptions.FirstOrDefaultAsync(s => s.Endpoint == request!.Endpoint, cancellationToken);
        if (row is null)
        {
            row = new WebPushSubscription { Endpoint = request!.Endpoint!, P256dh = "", Auth = "" };
            db.PushSubscriptions.Add(row);
        }
        (row.UserId, row.P256dh, row.Auth, row.CreatedAt, row.Language) = (user.Id, request!.Keys!.P256dh!, request.Keys.Auth!, time.GetUtcNow(), request.Language);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/push/subscriptions/{row.Id}", ToDto(row));
    }

    public static async Task<NoContent> Unsubscribe(string endpoint, CurrentUser user, FajmaDbContext db, CancellationToken cancellationToken)
    {
        await db.PushSubscriptions.Where(s => s.UserId == user.Id && s.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static PushSubscriptionDto ToDto(WebPushSubscription s) =>
        new(s.Id, PushEndpointPolicy.HostOf(s.Endpoint), s.CreatedAt);

    private static bool IsKey(string? text, int length, byte? first = null)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 128) return false;
        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            return bytes.Length == length && (first is null || bytes[0] == first);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
