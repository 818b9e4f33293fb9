using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts;

/// <summary>Filters of <c>GET /api/v1/alerts</c>, parsed; <see cref="Before"/> pages back in time (the last item's raisedAt).</summary>
public sealed record AlertFilter(bool ActiveOnly, AlertStatus? Status, int? PatientId, AlertSeverity? Severity, AlertKind? Kind,
    DateTimeOffset? From, DateTimeOffset? Before, int Limit);
