using System.Globalization;
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
    public static string Serialize(JsonElement element, string? withoutMember = null)
    {
        var builder = new StringBuilder(256);
        Write(builder, element, withoutMember);
        return builder.ToString();
    }

    /// <summary>The canonical UTF-8 bytes; <paramref name="withoutMember"/> leaves out one top-level member (the signature, which cannot sign itself).</summary>
    public static byte[] SerializeToUtf8(JsonElement element, string? withoutMember = null) => Encoding.UTF8.GetBytes(Serialize(element, withoutMember));

    private static void Write(StringBuilder output, JsonElement element, string? withoutMember = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append('{');
                var first = true;
                // Each name read once: JsonProperty.Name decodes a new string on every read.
                foreach (var (name, value) in element.EnumerateObject().Select(p => (p.Name, p.Value)).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (name == withoutMember) continue;
                    if (!first) output.Append(',');
                    first = false;
                    WriteString(output, name);
                    output.Append(':');
                    Write(output, value);
                }
                output.Append('}');
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0) output.Append(',');
                    Write(output, item);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(output, element.GetString()!);
                break;
            case JsonValueKind.Number:
                output.Append(FormatNumber(element.GetDouble()));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    private static void WriteString(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (c < 0x20) output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else output.Append(c);
                    break;
            }
        }
        output.Append('"');
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
