using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Fajma.Core.Messages;

/// <summary>
/// I-JSON (RFC 7493), which RFC 8785 canonicalization assumes: every string and member name valid Unicode (no
/// lone UTF-16 surrogate such as <c>"\ud800"</c>, no invalid UTF-8), every number an IEEE 754 double (not
/// <c>1e309</c>), each member name once per object. System.Text.Json parses such input but throws when it is
/// read, so a message is checked here before any field, checksum or signature is read: one bad value is a
/// refusal naming its path, never an exception.
/// </summary>
public static class InteroperableJson
{
    /// <summary>The first value that is not I-JSON, named by its path (<c>payload.measurements[0].value</c>), or null.</summary>
    public static FieldError? FindProblem(JsonElement element, string path = "$") => element.ValueKind switch
    {
        JsonValueKind.Object => FindInObject(element, path),
        JsonValueKind.Array => FindInArray(element, path),
        JsonValueKind.String when !IsValidText(element) => new FieldError(path, "is not valid Unicode text (a lone surrogate or invalid UTF-8)"),
        JsonValueKind.Number when !element.TryGetDouble(out var number) || !double.IsFinite(number) =>
            new FieldError(path, "is a number beyond the range of a double (I-JSON, RFC 7493)"),
        _ => null,
    };

    /// <summary>The object's own member names only (valid and not repeated), leaving its values to be checked one by one.</summary>
    public static FieldError? FindProblemInNames(JsonElement obj, string path = "$")
    {
        HashSet<string>? seen = null;
        foreach (var member in obj.EnumerateObject())
        {
            if (!IsValidName(member))
                return new FieldError(path, "has a member name that is not valid Unicode text (a lone surrogate or invalid UTF-8)");
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(member.Name))
                return new FieldError(Child(path, member.Name), "appears more than once in the same object (each name once: RFC 8785, I-JSON)");
        }
        return null;
    }

    private static FieldError? FindInObject(JsonElement obj, string path)
    {
        if (FindProblemInNames(obj, path) is { } names) return names;
        foreach (var member in obj.EnumerateObject())
        {
            if (FindProblem(member.Value, Child(path, member.Name)) is { } problem) return problem;
        }
        return null;
    }

    private static FieldError? FindInArray(JsonElement array, string path)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (FindProblem(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>Paths as the field readers name them: top-level members bare (<c>header.message_id</c>), not <c>$.header…</c>.</summary>
    private static string Child(string path, string name) => path == "$" ? name : $"{path}.{name}";

    // Unescaped, valid UTF-8 is the common case and needs no decoding; escapes may hide a lone surrogate, which only decoding finds.
    private static bool IsValidText(JsonElement value) =>
        IsPlainUtf8(JsonMarshal.GetRawUtf8Value(value)) || Decodes(() => value.GetString());

    private static bool IsValidName(JsonProperty member) =>
        IsPlainUtf8(JsonMarshal.GetRawUtf8PropertyName(member)) || Decodes(() => member.Name);

    private static bool IsPlainUtf8(ReadOnlySpan<byte> raw) => !raw.Contains((byte)'\\') && Utf8.IsValid(raw);

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
