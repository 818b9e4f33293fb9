namespace Fajma.Core.Messages;

/// <summary>
/// A standard message's <c>header.message_id</c>: 1–128 letters, digits or <c>. _ : -</c>. That covers the seed's
/// UUIDs and counters such as <c>msg_1705312200_001</c>, and keeps control characters and markup out of the id,
/// which is stored, audited and shown to operators.
/// </summary>
public static class MessageIdentifier
{
    public const int MaxLength = 128;

    public const string Rule = "must be 1–128 letters, digits or . _ : - (a UUID, for example)";

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');
}
