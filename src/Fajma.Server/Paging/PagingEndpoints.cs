using System.Text.Json;
using System.Text.RegularExpressions;
using Fajma.Core.Alerts;
using Fajma.Core.Crypto;
using Fajma.Core.Paging;
using Fajma.Server.Identity;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Paging.Gateway;
using Fajma.Server.Paging.Mail;
using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Paging;

/// <summary>
/// <c>/api/v1/paging</c>: the caller's phone; the receipts pages report on themselves (a service worker, a link, the
/// gateway's callbacks — each proven by its token or signature, no session); and <c>POST /api/v1/alerts/test</c>.
/// </summary>
public static partial class PagingEndpoints
{
    public static IEndpointRouteBuilder MapPagingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/paging").WithTags("Paging").RequireRateLimiting(RateLimiting.User);
        group.MapGet("/contact", GetContact).RequireAuthorization().WithSummary("Where the caller is paged besides push.");
        group.MapPut("/contact", SetContact).RequireAuthorization().WithSummary("Sets the caller's phone for SMS and calls (E.164), or removes it.");
        group.MapPost("/receipts/{id:guid}", PostReceipt).AllowAnonymous().WithSummary("A page reports itself delivered, read or acknowledged (its token proves it).");
        group.MapGet("/open/{id:guid}", OpenLink).AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/gateway/status", GatewayCallback).AllowAnonymous().WithSummary("The SMS/voice gateway reports a message's status (signed).");
        app.MapPost("/api/v1/alerts/test", SendTestAlarm).WithTags("Paging").RequireAuthorization().RequireRateLimiting(RateLimiting.User)
            .WithSummary("A test alarm to the caller on every channel they have (or one: push, sms, voice, email); the receipts follow.");
        return app;
    }

    public static async Task<Ok<PagingContactDto>> GetContact(CurrentUser user, FajmaDbContext db, GatewaySender gateway, IOptions<MailOptions> mail,
        CancellationToken cancellationToken)
    {
        var contact = await db.PagingContacts.FindAsync([user.Id], cancellationToken);
        var email = (await db.Users.FindAsync([user.Id], cancellationToken))!.Email;
        return TypedResults.Ok(new PagingContactDto(contact?.Phone, email, gateway.IsConfigured, mail.Value.IsConfigured));
    }

    public static async Task<Results<Ok<PagingContactDto>, ValidationProblem>> SetContact(PagingContactRequest? request, CurrentUser user, FajmaDbContext db,
        GatewaySender gateway, IOptions<MailOptions> mail, TimeProvider time, CancellationToken cancellationToken)
    {
        var phone = request?.Phone is { } given ? Regex.Replace(given, @"[\s.()-]", "") : null;
        if (phone is { Length: 0 }) phone = null;
        if (phone is not null && !E164().IsMatch(phone))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["phone"] = ["must be an international number: + then 8 to 15 digits"] });
        var contact = await db.PagingContacts.FindAsync([user.Id], cancellationToken);
        if (contact is null) db.PagingContacts.Add(contact = new PagingContact { UserId = user.Id });
        (contact.Phone, contact.UpdatedAt) = (phone, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await GetContact(user, db, gateway, mail, cancellationToken) is var ok ? TypedResults.Ok(ok.Value!) : throw new InvalidOperationException();
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> PostReceipt(Guid id, ReceiptRequest? request, ReceiptTokens tokens,
        PageDeliveries deliveries, IPageAcknowledger acknowledger, HttpContext http, CancellationToken cancellationToken)
    {
        if (!tokens.Verify(id, request?.Token)) return TypedResults.NotFound(); // no oracle: a wrong token and an unknown page look alike
        if (request!.Status is not ("delivered" or "read" or "acknowledged"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be delivered, read or acknowledged"] });
        return await ApplyAsync(id, Enum.Parse<DeliveryStatus>(request.Status, ignoreCase: true), null, deliveries, acknowledger, http, cancellationToken)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>A link opened from an SMS or an e-mail: the page was read; the app takes over (sign-in, then the alert).</summary>
    public static async Task<Results<RedirectHttpResult, NotFound>> OpenLink(Guid id, string? t, ReceiptTokens tokens, PageDeliveries deliveries,
        IPageAcknowledger acknowledger, HttpContext http, CancellationToken cancellationToken)
    {
        if (!tokens.Verify(id, t)) return TypedResults.NotFound();
        if (await deliveries.ApplyAsync(id, DeliveryStatus.Read, null, cancellationToken) is not { } applied) return TypedResults.NotFound();
        return TypedResults.Redirect(applied.Row.IsTest ? "/alerts" : $"/alerts?alert={applied.Row.AlertId}");
    }

    public static async Task<Results<NoContent, UnauthorizedHttpResult, NotFound, ValidationProblem>> GatewayCallback(HttpContext http,
        IOptions<PagingOptions> options, PageDeliveries deliveries, IPageAcknowledger acknowledger, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.Value.Gateway.CallbackSecret is not { Length: > 0 } secret) return TypedResults.NotFound();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (!WebhookSignature.Verify(secret, http.Request.Headers["X-Fajma-Timestamp"], http.Request.Headers["X-Fajma-Signature"], body, time.GetUtcNow(),
                TimeSpan.FromMinutes(5)))
            return TypedResults.Unauthorized();
        GatewayStatus? status;
        try { status = JsonSerializer.Deserialize(body, PagingJsonContext.Default.GatewayStatus); }
        catch (JsonException) { status = null; }
        DeliveryStatus? receipt = status?.Status switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" or "answered" => DeliveryStatus.Delivered,
            "acknowledged" => DeliveryStatus.Acknowledged,
            "failed" or "undelivered" or "busy" or "no-answer" => DeliveryStatus.Failed,
            _ => null,
        };
        if (!Guid.TryParse(status?.Reference, out var id) || receipt is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [receipt is null ? "status" : "reference"] = [receipt is null ? "must be sent, delivered, answered, acknowledged or failed" : "must be the reference Fajma sent"],
            });
        return await ApplyAsync(id, receipt.Value, status!.Detail, deliveries, acknowledger, http, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<TestAlarmDto>, ValidationProblem>> SendTestAlarm(TestAlarmRequest? request, CurrentUser user, Pager pager,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var channel = request?.Channel;
        if (channel is not (null or "push" or "sms" or "voice" or "email"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = ["must be push, sms, voice or email (or absent: all)"] });
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var pages = await pager.PageNowAsync(new PageRequest(id, 0, AlertSeverity.Critical, "Fajma test alarm", [user.Id], Admins: false, PageReason.Test,
            OnlyChannel: channel), cancellationToken);
        return TypedResults.Ok(new TestAlarmDto(id, pages));
    }

    /// <summary>A receipt moves the page forward; "acknowledged" also acknowledges the alert for the person paged.</summary>
    private static async Task<bool> ApplyAsync(Guid id, DeliveryStatus receipt, string? detail, PageDeliveries deliveries, IPageAcknowledger acknowledger,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (await deliveries.ApplyAsync(id, receipt, detail, cancellationToken) is not { } applied) return false;
        // The alert may be resolved already, or no longer this person's: the page was still answered, and says so.
        if (receipt == DeliveryStatus.Acknowledged && applied.Changed && !applied.Row.IsTest)
            await acknowledger.AcknowledgeAsync(applied.Row.AlertId, applied.Row.UserId, applied.Row.Channel, http, cancellationToken);
        return true;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
