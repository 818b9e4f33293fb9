using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Fajma.Core.Messages;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): no whitespace, object members sorted by their
/// UTF-16 code units, strings with the minimal escapes, numbers in ECMAScript's shortest form
/// (72, 36.6, 1e+21). A device and the server that canonicalize the same value get the same bytes,
/// whatever order or spacing the device's JSON library used, so a checksum or signature over
/// these bytes survives re-serialization.
/// </summary>
public static class CanonicalJson
{
    public static string Serialize(JsonElement element, string? withoutMember = null) =>
        Encoding.UTF8.GetString(SerializeToUtf8(element, withoutMember));

    /// <summary>The canonical UTF-8 bytes; <paramref name="withoutMember"/> leaves out one top-level member (the signature, which cannot sign itself).</summary>
    public static byte[] SerializeToUtf8(JsonElement element, string? withoutMember = null) =>
        SerializeToUtf8(element, withoutMember, null, out _);

    /// <summary>
    /// The canonical bytes, and where in them the value of the top-level member <paramref name="locate"/> was written (empty
    /// if there is none): a member's canonical form is the same inside its parent, so a checksum of it needs no second pass.
    /// </summary>
    public static byte[] SerializeToUtf8(JsonElement element, string? withoutMember, string? locate, out Range located)
    {
        // Written into a buffer kept per thread, then copied out at its size: one array per message, not a growing one and a copy.
        var output = t_output ??= new ArrayBufferWriter<byte>(1024);
        output.ResetWrittenCount();
        located = default;
        if (element.ValueKind == JsonValueKind.Object) WriteObject(output, element, withoutMember, locate, ref located);
        else Write(output, element);
        var bytes = output.WrittenSpan.ToArray();
        if (output.Capacity > 64 * 1024) t_output = null; // a rare large message does not stay pinned to its thread
        return bytes;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_output;

    // Written as UTF-8 from the bytes the message arrived as wherever they are already canonical (names and strings without
    // escapes), decoded only where an escape or a non-ASCII name needs it: every message is canonicalized once or twice.
    private static void Write(ArrayBufferWriter<byte> output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Range none = default;
                WriteObject(output, element, null, null, ref none);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0) output.Write(","u8);
                    Write(output, item);
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (raw.Contains((byte)'\\')) WriteString(output, element.GetString()!);
                else output.Write(raw); // quotes included; no escape, so no quote or control character inside: canonical as it is
                break;
            case JsonValueKind.Number:
                WriteNumber(output, element.GetDouble());
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    private static void WriteObject(ArrayBufferWriter<byte> output, JsonElement element, string? withoutMember, string? locate, ref Range located)
    {
        var count = 0;
        var plain = true; // every name ASCII and unescaped: its bytes sort as its UTF-16 code units do
        foreach (var member in element.EnumerateObject())
        {
            count++;
            foreach (var b in JsonMarshal.GetRawUtf8PropertyName(member))
                if (b is >= 0x80 or (byte)'\\') plain = false;
        }
        var members = ArrayPool<Member>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var i = 0;
            foreach (var member in element.EnumerateObject()) members[i++] = new Member(member, plain ? null : member.Name);
            members.AsSpan(0, count).Sort(plain ? Member.ByRawName : Member.ByName); // a comparer would be wrapped in a new delegate each time
            output.Write("{"u8);
            var first = true;
            for (i = 0; i < count; i++)
            {
                var member = members[i];
                if (withoutMember is not null && member.Property.NameEquals(withoutMember)) continue;
                if (!first) output.Write(","u8);
                first = false;
                if (member.Name is null) WriteQuoted(output, JsonMarshal.GetRawUtf8PropertyName(member.Property));
                else WriteString(output, member.Name);
                output.Write(":"u8);
                var start = output.WrittenCount;
                Write(output, member.Property.Value);
                if (locate is not null && member.Property.NameEquals(locate)) located = start..output.WrittenCount;
            }
            output.Write("}"u8);
        }
        finally
        {
            ArrayPool<Member>.Shared.Return(members, clearArray: true);
        }
    }

    /// <summary>A member with its name decoded once when its bytes cannot be sorted as they are.</summary>
    private readonly record struct Member(JsonProperty Property, string? Name)
    {
        public static readonly Comparison<Member> ByRawName = static (a, b) =>
            JsonMarshal.GetRawUtf8PropertyName(a.Property).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(b.Property));

        public static readonly Comparison<Member> ByName = static (a, b) => string.CompareOrdinal(a.Name, b.Name);
    }

    private static void WriteQuoted(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> canonical)
    {
        output.Write("\""u8);
        output.Write(canonical);
        output.Write("\""u8);
    }

    private static void WriteString(ArrayBufferWriter<byte> output, string value)
    {
        var text = new StringBuilder(value.Length + 2);
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text.ToString(), span));
    }

    private static void WriteNumber(ArrayBufferWriter<byte> output, double value)
    {
        // The common case, a plain decimal: .NET's shortest round-trip digits ("R") are ECMAScript's, written in place.
        var abs = Math.Abs(value);
        var span = output.GetSpan(32);
        if (value != 0 && abs >= 1e-6 && abs < 1e21 && value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture)
            && span[..written].IndexOf((byte)'E') < 0)
        {
            output.Advance(written);
            return;
        }
        var text = FormatNumber(value);
        output.Advance(Encoding.ASCII.GetBytes(text, output.GetSpan(text.Length)));
    }

    /// <summary>ECMAScript Number::toString: shortest round-trip digits, exponent only below 1e-6 or from 1e21.</summary>
    internal static string FormatNumber(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "JSON has no NaN or infinity");
        if (value == 0) return "0"; // also -0
        var abs = Math.Abs(value);
        if (abs >= 1e-6 && abs < 1e21)
        {
            // "R" gives the shortest round-trip digits; expand any exponent .NET chose into plain digits.
            var shortest = value.ToString("R", CultureInfo.InvariantCulture);
            if (!shortest.Contains('E', StringComparison.Ordinal)) return shortest;
            return decimal.Parse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture)
                .ToString(CultureInfo.InvariantCulture);
        }
        var exponential = value.ToString("R", CultureInfo.InvariantCulture);
        if (!exponential.Contains('E', StringComparison.Ordinal))
            exponential = value.ToString("E16", CultureInfo.InvariantCulture);
        var parts = exponential.Split('E');
        var mantissa = parts[0].Contains('.', StringComparison.Ordinal) ? parts[0].TrimEnd('0').TrimEnd('.') : parts[0];
        var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
        return mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }
}
