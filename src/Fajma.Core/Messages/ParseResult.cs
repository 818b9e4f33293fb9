using System.Diagnostics.CodeAnalysis;

namespace Fajma.Core.Messages;

/// <summary>Either a parsed value or the rejection that names every invalid field; never both.</summary>
public sealed class ParseResult<T> where T : class
{
    private ParseResult(T? value, MessageRejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    public T? Value { get; }

    public MessageRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Value is not null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(MessageRejection rejection) => new(null, rejection);

    public static ParseResult<T> Invalid(IReadOnlyList<FieldError> errors) =>
        new(null, new MessageRejection(RejectionReason.Invalid, errors));
}
