using Fajma.Server.Paging.Deliveries;

namespace Fajma.Server.Paging;

/// <summary>Where the caller is paged besides push: a phone in E.164 (+33612345678) for SMS and calls; null to remove it.</summary>
public sealed record PagingContactDto(string? Phone, string Email, bool SmsAvailable, bool EmailAvailable);

public sealed record PagingContactRequest(string? Phone);

/// <summary>A receipt the page itself reports (the service worker, a link): <c>delivered</c>, <c>read</c> or <c>acknowledged</c>.</summary>
public sealed record ReceiptRequest(string? Token, string? Status);

/// <summary>A test alarm: its id (ask <c>GET /api/v1/alerts/{id}/deliveries</c> for the receipts) and the pages it sent.</summary>
public sealed record TestAlarmDto(Guid Id, IReadOnlyList<PageDeliveryDto> Deliveries);

public sealed record TestAlarmRequest(string? Channel);
