using Fajma.Core.Alerts;
using Fajma.Core.Paging;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Paging.Gateway;
using Fajma.Server.Paging.Mail;
using Fajma.Server.Paging.Push;

namespace Fajma.Server.Paging;

/// <summary>
/// Sends one planned page on its channel and says how it went: sent (the push service, relay or gateway took it) or
/// failed with why. Push links are relative — the service worker resolves them against its own origin, whichever node
/// or balancer that is; SMS and e-mail links are absolute (<see cref="PublicAddress"/>).
/// </summary>
public sealed class PageSender(WebPushSender push, GatewaySender gateway, IMailer mailer, ReceiptTokens tokens, PublicAddress address,
    PageDeliveries deliveries)
{
    public async Task<(DeliveryStatus Status, string? Detail)> SendAsync(PlannedAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var (row, request) = (attempt.Row, attempt.Request);
        var test = request.Reason == PageReason.Test;
        var token = tokens.For(row.Id);
        var open = address.Link($"/api/v1/paging/open/{row.Id}?t={token}");
        try
        {
            switch (row.Channel)
            {
                case "push":
                    var payload = new PushPayload(row.Id, row.AlertId, OpenName(request.Severity), test ? "Fajma test alarm" : attempt.Title,
                        test ? "Fajma can reach you here." : $"{request.Severity} alert", $"/alerts?alert={row.AlertId}",
                        $"/api/v1/paging/receipts/{row.Id}", token, test, CanAcknowledge: !test && request.Acknowledgeable);
                    await push.SendAsync(attempt.Subscription!, payload, urgent: request.Severity >= AlertSeverity.Major, cancellationToken);
                    return (DeliveryStatus.Sent, null);
                case "email":
                    await mailer.SendAsync(PageMail.Build(attempt.Address!, request.Severity, open, test), cancellationToken);
                    return (DeliveryStatus.Sent, "accepted by the mail relay");
                case "sms" or "voice":
                    var level = request.Severity.ToString().ToUpperInvariant();
                    var text = row.Channel == "sms"
                        ? (test ? $"Fajma test alarm: {open}" : $"Fajma: {level} alert. {open}")
                        : (test ? "Fajma test alarm. Press 1 to confirm." : $"Fajma. A {level} alert needs you. Press 1 to acknowledge.");
                    var id = await gateway.SendAsync(new GatewayRequest(row.Channel, attempt.Address!, text, row.Id.ToString(),
                        address.Link("/api/v1/paging/gateway/status").ToString()), cancellationToken);
                    if (id is not null) await deliveries.SetProviderIdAsync(row.Id, id, cancellationToken);
                    return (DeliveryStatus.Sent, null);
                default:
                    return (DeliveryStatus.Failed, $"unknown channel {row.Channel}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Stored with the delivery: a mail or SMS provider's refusal often quotes the address, which the store must not hold.
            return (DeliveryStatus.Failed, attempt.Address is { Length: > 0 } to ? e.Message.Replace(to, "…", StringComparison.OrdinalIgnoreCase) : e.Message);
        }
    }

    private static string OpenName(AlertSeverity severity) => severity.ToString().ToLowerInvariant();
}
