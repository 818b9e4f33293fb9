namespace Fajma.Server.Paging.Gateway;

/// <summary>
/// What Fajma POSTs to the SMS/voice gateway (docs/paging.md): <see cref="Kind"/> "sms" or "voice", the number in E.164,
/// the text to send or to read aloud, and where to report. <see cref="Reference"/> comes back in every status callback.
/// </summary>
public sealed record GatewayRequest(string Kind, string To, string Text, string Reference, string StatusCallback);

/// <summary>The gateway's answer: its own id for the message.</summary>
public sealed record GatewayAccepted(string? Id);

/// <summary>
/// A status callback from the gateway: sent, delivered, failed; for a call also answered (delivered) and acknowledged
/// (the clinician pressed 1).
/// </summary>
public sealed record GatewayStatus(string? Reference, string? Status, string? Detail);
