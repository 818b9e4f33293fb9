using System.Globalization;
using System.Text.Json;
using Fajma.Core.Vitals;

namespace Fajma.Core.Messages;

/// <summary>Reads and checks one measurement against its definition: known type, accepted unit, plausible value.</summary>
internal static class MeasurementReader
{
    /// <summary>A standard-message measurement: <c>{type, value, unit, quality, timestamp}</c>.</summary>
    public static Measurement? Read(FieldReader reader, JsonElement item, FieldPath path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            reader.Add(path, $"must be an object, not {FieldReader.Describe(item)}");
            return null;
        }
        var typeName = reader.String(item, "type", path.Then(".type"), required: true, maxLength: 32);
        if (typeName is null) return null;
        if (!VitalSigns.TryGetByWireName(typeName, out var definition))
        {
            reader.Add(path.Then(".type"), $"unknown type '{typeName}'; expected one of {VitalSigns.WireNames}");
            return null;
        }

        var unit = reader.String(item, "unit", path.Then(".unit"), required: false, maxLength: 16);
        var quality = reader.Integer(item, "quality", path.Then(".quality"), 0, 100);
        var time = reader.Timestamp(item, "timestamp", path.Then(".timestamp"), required: false);
        var errorsBefore = reader.Errors.Count;

        double? value;
        double? diastolic = null;
        if (definition.HasTwoValues)
        {
            var pair = reader.Object(item, "value", path.Then(".value"), required: true);
            if (pair is null) return null;
            value = reader.Number(pair.Value, "systolic", path.Then(".value.systolic"), required: true);
            diastolic = reader.Number(pair.Value, "diastolic", path.Then(".value.diastolic"), required: true);
        }
        else
        {
            value = reader.Number(item, "value", path.Then(".value"), required: true);
        }
        if (value is null || reader.Errors.Count > errorsBefore) return null;

        if (unit is not null)
        {
            var converted = ToDefinitionUnit(definition, unit, value.Value);
            if (converted is null)
            {
                reader.Add(path.Then(".unit"), $"'{unit}' is not a unit for {definition.WireName}; use {definition.DisplayUnit}");
                return null;
            }
            value = converted;
        }
        return Check(reader, definition, value.Value, diastolic, path.Then(".value"), quality, time);
    }

    /// <summary>Checks plausibility; names the field that is out of range.</summary>
    public static Measurement? Check(FieldReader reader, VitalSignDefinition definition, double value, double? diastolic,
        FieldPath valuePath, int? quality = null, DateTimeOffset? time = null)
    {
        var ok = true;
        if (!definition.Range.Contains(value))
        {
            reader.Add(definition.HasTwoValues ? valuePath.Then(".systolic") : valuePath, OutOfRange(value, definition.Range, definition.DisplayUnit));
            ok = false;
        }
        if (definition.DiastolicRange is { } diastolicRange && diastolic is { } d)
        {
            if (!diastolicRange.Contains(d))
            {
                reader.Add(valuePath.Then(".diastolic"), OutOfRange(d, diastolicRange, definition.DisplayUnit));
                ok = false;
            }
            else if (ok && d >= value)
            {
                reader.Add(valuePath.Then(".diastolic"), "must be lower than systolic");
                ok = false;
            }
        }
        return ok ? new Measurement(definition.Type, value, diastolic, quality, time) : null;
    }

    private static string OutOfRange(double value, PlausibleRange range, string unit) =>
        $"{value.ToString(CultureInfo.InvariantCulture)} {unit} is outside the plausible range {range} {unit}";

    /// <summary>The value in the definition's unit, or null if the unit does not fit the type.</summary>
    private static double? ToDefinitionUnit(VitalSignDefinition definition, string unit, double value)
    {
        if (definition.AcceptedUnits.Contains(unit, StringComparer.OrdinalIgnoreCase)) return value;
        // Home thermometers sold in some markets report Fahrenheit; store Celsius only.
        if (definition.Type == VitalSignType.BodyTemperature && unit is "°F" or "[degF]" or "F" or "fahrenheit")
            return Math.Round((value - 32) * 5 / 9, 2);
        return null;
    }
}
