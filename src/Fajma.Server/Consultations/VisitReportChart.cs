using System.Globalization;
using Fajma.Server.Observations;

namespace Fajma.Server.Consultations;

/// <summary>One vital sign over the call as inline SVG: a line, its range labelled, no script, prints as drawn.</summary>
public static class VisitReportChart
{
    private const double Width = 640, Height = 140, Pad = 28;

    public static string Svg(IReadOnlyList<ObservationDto> readings, DateTimeOffset from, DateTimeOffset to, string label, VisitReportText text)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(text);
        var values = readings.Select(r => r.Value).Concat(readings.Where(r => r.Diastolic is not null).Select(r => r.Diastolic!.Value)).ToList();
        var (low, high) = (values.Min(), values.Max());
        if (high - low < 1) (low, high) = (low - 1, high + 1); // a flat line sits in the middle, not on an edge
        var span = Math.Max(1, (to - from).TotalSeconds);
        double X(DateTimeOffset at) => Pad + (Width - 2 * Pad) * Math.Clamp((at - from).TotalSeconds / span, 0, 1);
        double Y(double v) => Height - Pad - (Height - 2 * Pad) * (v - low) / (high - low);
        string Line(Func<ObservationDto, double?> pick, string css) =>
            $"<polyline class=\"{css}\" points=\"{string.Join(' ', readings.Where(r => pick(r) is not null).Select(r => $"{F(X(r.MeasuredAt))},{F(Y(pick(r)!.Value))}"))}\"/>";
        var title = VisitReport.E(label);
        return $"""
            <svg class="chart" viewBox="0 0 {F(Width)} {F(Height)}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">
            <title>{title}</title>
            <line class="axis" x1="{F(Pad)}" y1="{F(Height - Pad)}" x2="{F(Width - Pad)}" y2="{F(Height - Pad)}"/>
            <text x="2" y="{F(Y(high) + 4)}">{text.Number(high)}</text>
            <text x="2" y="{F(Y(low) + 4)}">{text.Number(low)}</text>
            <text x="{F(Pad)}" y="{F(Height - 8)}">{text.Time(from)}</text>
            <text x="{F(Width - Pad)}" y="{F(Height - 8)}" text-anchor="end">{text.Time(to)}</text>
            {Line(r => r.Value, "value")}
            {(readings.Any(r => r.Diastolic is not null) ? Line(r => r.Diastolic, "diastolic") : "")}
            </svg>
            """;
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
