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
/// refusal naming its path, never an exception. Every message is checked, nearly all pass: the path is written only
/// for the problem found, and names are compared as the bytes they arrived as unless an escape makes that unsafe.
/// </summary>
public static class InteroperableJson
{
    // Beyond this many members an object's names go through a set; below, comparing each pair costs less than building one.
    private const int PairwiseNames = 16;

    /// <summary>The first value that is not I-JSON, named by its path (<c>payload.measurements[0].value</c>), or null.</summary>
    public static FieldError? FindProblem(JsonElement element, string path = "$") =>
        Find(element) is { } problem ? new FieldError(problem.PathFrom(path), problem.Message) : null;

    /// <summary>The object's own member names only (valid and not repeated), leaving its values to be checked one by one.</summary>
    public static FieldError? FindProblemInNames(JsonElement obj, string path = "$") =>
        FindInNames(obj) is { } problem ? new FieldError(problem.PathFrom(path), problem.Message) : null;

    private static Problem? Find(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FindInObject(element),
        JsonValueKind.Array => FindInArray(element),
        JsonValueKind.String when !IsValidText(element) => new Problem("is not valid Unicode text (a lone surrogate or invalid UTF-8)"),
        JsonValueKind.Number when !element.TryGetDouble(out var number) || !double.IsFinite(number) =>
            new Problem("is a number beyond the range of a double (I-JSON, RFC 7493)"),
        _ => null,
    };

    private static Problem? FindInObject(JsonElement obj)
    {
        if (FindInNames(obj) is { } names) return names;
        foreach (var member in obj.EnumerateObject())
        {
            if (Find(member.Value) is { } problem) return problem.Under(member.Name);
        }
        return null;
    }

    private static Problem? FindInArray(JsonElement array)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (Find(item) is { } problem) return problem.Under(index);
            index++;
        }
        return null;
    }

    private static Problem? FindInNames(JsonElement obj)
    {
        var count = 0;
        var escaped = false;
        foreach (var member in obj.EnumerateObject())
        {
            if (!IsValidName(member))
                return new Problem("has a member name that is not valid Unicode text (a lone surrogate or invalid UTF-8)");
            escaped |= JsonMarshal.GetRawUtf8PropertyName(member).Contains((byte)'\\');
            count++;
        }
        if (count < 2) return null;
        var repeated = !escaped && count <= PairwiseNames ? RepeatedRawName(obj) : RepeatedName(obj);
        return repeated is null ? null : new Problem("appears more than once in the same object (each name once: RFC 8785, I-JSON)").Under(repeated);
    }

    /// <summary>Without escapes, equal names are equal bytes: each pair compared as it arrived, nothing decoded.</summary>
    private static string? RepeatedRawName(JsonElement obj)
    {
        var i = 0;
        foreach (var member in obj.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(member);
            var j = 0;
            foreach (var earlier in obj.EnumerateObject())
            {
                if (j++ == i) break;
                if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(earlier))) return member.Name;
            }
            i++;
        }
        return null;
    }

    private static string? RepeatedName(JsonElement obj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in obj.EnumerateObject())
        {
            if (!seen.Add(member.Name)) return member.Name;
        }
        return null;
    }

    // Unescaped, valid UTF-8 is the common case and needs no decoding; escapes may hide a lone surrogate, which only decoding
    // finds. Static lambdas: one capturing the value would be allocated on every call.
    private static bool IsValidText(JsonElement value) =>
        IsPlainUtf8(JsonMarshal.GetRawUtf8Value(value)) || Decodes(value, static v => v.GetString());

    private static bool IsValidName(JsonProperty member) =>
        IsPlainUtf8(JsonMarshal.GetRawUtf8PropertyName(member)) || Decodes(member, static m => m.Name);

    private static bool IsPlainUtf8(ReadOnlySpan<byte> raw) => !raw.Contains((byte)'\\') && Utf8.IsValid(raw);

    private static bool Decodes<T>(T source, Func<T, string?> read)
    {
        try
        {
            read(source);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>What is wrong, and where, gathered from the value up to the root as the search returns.</summary>
    private sealed class Problem(string message)
    {
        private readonly List<object> _steps = []; // member names and array indexes, innermost first

        public string Message { get; } = message;

        public Problem Under(string member)
        {
            _steps.Add(member);
            return this;
        }

        public Problem Under(int index)
        {
            _steps.Add(index);
            return this;
        }

        /// <summary>Paths as the field readers name them: top-level members bare (<c>header.message_id</c>), not <c>$.header…</c>.</summary>
        public string PathFrom(string root)
        {
            var path = root;
            for (var i = _steps.Count - 1; i >= 0; i--)
            {
                path = _steps[i] switch
                {
                    int index => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]"),
                    var name => path == "$" ? (string)name : $"{path}.{name}",
                };
            }
            return path;
        }
    }
}
