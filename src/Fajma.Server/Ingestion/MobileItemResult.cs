using Fajma.Core.Messages;

namespace Fajma.Server.Ingestion;

/// <summary>One item of a batch: <c>stored</c>, <c>duplicate</c> or <c>rejected</c> (with its HTTP-equivalent status and field errors).</summary>
public sealed record MobileItemResult(int Index, string? MessageId, string Status, int? HttpStatus, IReadOnlyList<FieldError>? Errors);
