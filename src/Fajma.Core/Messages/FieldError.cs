namespace Fajma.Core.Messages;

/// <summary>One problem with one field, named by its JSON path (for example <c>payload.measurements[1].value</c>).</summary>
public sealed record FieldError(string Field, string Message);
