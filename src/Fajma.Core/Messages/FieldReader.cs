using System.Globalization;
using System.Text.Json;

namespace Fajma.Core.Messages;

/// <summary>Reads typed fields from a JSON object, recording one <see cref="FieldError"/> per bad field instead of stopping at the first.</summary>
internal sealed class FieldReader
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(FieldPath field, string message) => _errors.Add(new FieldError(field.ToString(), message));

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public JsonElement? Object(JsonElement parent, string name, FieldPath path, bool required)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Add(path, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(path, $"must be an object, not {Describe(value)}");
            return null;
        }
        return value;
    }

    public string? String(JsonElement parent, string name, FieldPath path, bool required, int maxLength = 128)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Add(path, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(path, $"must be a string, not {Describe(value)}");
            return null;
        }
        var text = value.GetString()!;
        if (text.Length == 0 && required)
        {
            Add(path, "must not be empty");
            return null;
        }
        if (text.Length > maxLength)
        {
            Add(path, $"must be at most {maxLength} characters");
            return null;
        }
        return text;
    }

    /// <summary>A number, or null when absent or JSON null (a sensor that had no reading).</summary>
    public double? Number(JsonElement parent, string name, FieldPath path, bool required)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Add(path, "is required");
            return null;
        }
        return NumberValue(value, path);
    }

    public double? NumberValue(JsonElement value, FieldPath path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Add(path, $"must be a number, not {Describe(value)}");
            return null;
        }
        return number;
    }

    public int? Integer(JsonElement parent, string name, FieldPath path, int min, int max)
    {
        var number = Number(parent, name, path, required: false);
        if (number is null) return null;
        if (number != Math.Floor(number.Value) || number < min || number > max)
        {
            Add(path, $"must be a whole number from {min} to {max}, not {number.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return (int)number.Value;
    }

    /// <summary>An ISO 8601 time with its offset (for example <c>2024-01-15T10:30:00.000Z</c>).</summary>
    public DateTimeOffset? Timestamp(JsonElement parent, string name, FieldPath path, bool required)
    {
        var text = String(parent, name, path, required, maxLength: 40);
        if (text is null) return null;
        return ParseIsoTimestamp(text, path);
    }

    public DateTimeOffset? ParseIsoTimestamp(string text, FieldPath path)
    {
        // An offset is required: a time without one is ambiguous across the patient's and the server's zones.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            Add(path, $"must be an ISO 8601 time with an offset such as 2024-01-15T10:30:00.000Z, not '{text}'");
            return null;
        }
        return time;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
