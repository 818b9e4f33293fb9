namespace Fajma.Core.Messages;

/// <summary>A refused message with every field that was wrong, so a device developer can fix them all at once.</summary>
public sealed record MessageRejection(RejectionReason Reason, IReadOnlyList<FieldError> Errors)
{
    public static MessageRejection Malformed(string field, string message) =>
        new(RejectionReason.Malformed, [new FieldError(field, message)]);

    public static MessageRejection TooLarge(int size, int limit) =>
        new(RejectionReason.TooLarge, [new FieldError("$", $"message is {size} bytes; the limit is {limit} bytes")]);

    /// <summary>
    /// What only the operator may learn (kept sealed in the dead letter, never sent): an unauthenticated sender hears
    /// the same thing whether the device exists or not, and nothing about its patient.
    /// </summary>
    public string? OperatorNote { get; init; }

    /// <summary>One line for the sender (MQTT reason string, problem detail): may quote the values it refused.</summary>
    public string Summary => string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Message}"));

    /// <summary>Only the names of the wrong fields: safe for logs and the audit trail, which must not hold clinical values.</summary>
    public string Fields => string.Join(", ", Errors.Select(e => e.Field).Distinct());
}
