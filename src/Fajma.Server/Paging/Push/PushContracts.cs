namespace Fajma.Server.Paging.Push;

/// <summary>The server's VAPID public key: the browser's <c>applicationServerKey</c> when it subscribes.</summary>
public sealed record VapidPublicKeyDto(string PublicKey);

/// <summary>A browser's <c>PushSubscription.toJSON()</c>, as the browser gives it, and the language the person uses (en, fr): what a patient's nudges are written in.</summary>
public sealed record PushSubscriptionRequest(string? Endpoint, double? ExpirationTime, PushSubscriptionKeys? Keys, string? Language = null);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>A stored subscription as its owner sees it: the push service's host, never the keys.</summary>
public sealed record PushSubscriptionDto(int Id, string Service, DateTimeOffset CreatedAt);
