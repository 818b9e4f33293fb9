using System.Text.Json.Serialization;

namespace Fajma.Core.Wire;

public sealed record BloodPressureValue(
    [property: JsonPropertyName("systolic")] double Systolic,
    [property: JsonPropertyName("diastolic")] double Diastolic);
