namespace Fajma.Server.Alerts;

/// <summary>
/// What an alert says, sealed at rest: the title, the sign and limit crossed with the value that crossed it, the
/// device's own description and figures, and the note of whoever resolved it. Units are the sign's display unit.
/// </summary>
public sealed record AlertContent(
    string Title,
    string? VitalType = null,
    double? Limit = null,
    double? Value = null,
    string? Unit = null,
    string? Detail = null,
    double? Confidence = null,
    IReadOnlyDictionary<string, double>? Measurements = null,
    string? Note = null);
