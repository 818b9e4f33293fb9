using System.Globalization;
using System.Text;
using Fajma.Server.Alerts;
using Fajma.Server.Observations;

namespace Fajma.Server.Consultations;

/// <summary>
/// The visit report: who, when, the doctor's note, the vitals of the call (a chart and figures per sign) and its
/// alerts, as one self-contained HTML page (no script, no external resource) that prints cleanly. Every piece of
/// text from the record is encoded.
/// </summary>
public static class VisitReport
{
    /// <summary>For the response: the page may style itself and nothing else.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    /// <param name="vitals">The call's readings and alerts, or null when the reader may not see the patient's data.</param>
    public static string Html(ConsultationDto visit, (IReadOnlyList<ObservationDto> Readings, IReadOnlyList<AlertDto> Alerts)? vitals, VisitReportText text,
        DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        var from = visit.StartedAt ?? visit.ScheduledAt;
        var to = visit.EndedAt ?? generatedAt;
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{text.Language}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(text["title"])} — {E(visit.PatientName)} — {text.Time(visit.ScheduledAt)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            <h1>{E(text["title"])}</h1>
            <dl class="facts">
            <dt>{E(text["patient"])}</dt><dd>{E(visit.PatientName)}</dd>
            <dt>{E(text["doctor"])}</dt><dd>{E(visit.DoctorName)}</dd>
            <dt>{E(text["scheduled"])}</dt><dd>{text.Time(visit.ScheduledAt)}</dd>
            <dt>{E(text["call"])}</dt><dd>{(visit.StartedAt is null ? "–" : $"{text.Time(from)} – {text.Time(to)}")}</dd>
            <dt>{E(text["state"])}</dt><dd>{E(text[visit.State])}</dd>
            </dl>
            <section>
            <h2>{E(text["note"])}</h2>
            {(string.IsNullOrWhiteSpace(visit.Note) ? $"<p class=\"none\">{E(text["noNote"])}</p>" : $"<p class=\"note\">{E(visit.Note)}</p>")}
            </section>
            """);
        if (vitals is not { } shown)
            html.Append(CultureInfo.InvariantCulture, $"<section><p class=\"none\">{E(text["hidden"])}</p></section>");
        else
        {
            AppendVitals(html, shown.Readings, from, to, text);
            AppendAlerts(html, shown.Alerts, text);
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            <footer><p>{E(text["generated"])} {text.Time(generatedAt)}. {E(text["times"])}</p></footer>
            </main>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static void AppendVitals(StringBuilder html, IReadOnlyList<ObservationDto> readings, DateTimeOffset from, DateTimeOffset to, VisitReportText text)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(text["vitals"])}</h2>");
        if (readings.Count == 0) html.Append(CultureInfo.InvariantCulture, $"<p class=\"none\">{E(text["noVitals"])}</p>");
        foreach (var sign in readings.GroupBy(r => r.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = sign.OrderBy(r => r.MeasuredAt).ToList();
            var unit = E(list[^1].Unit);
            string Show(ObservationDto r) => r.Diastolic is { } d ? $"{text.Number(r.Value)}/{text.Number(d)}" : text.Number(r.Value);
            html.Append(CultureInfo.InvariantCulture, $"""
                <figure class="vital">
                <figcaption><strong>{E(text[sign.Key])}</strong> ({unit}) — {E(text["min"])} {text.Number(list.Min(r => r.Value))},
                {E(text["max"])} {text.Number(list.Max(r => r.Value))}, {E(text["last"])} {Show(list[^1])} · {list.Count} {E(text["count"])}</figcaption>
                {VisitReportChart.Svg(list, from, to, text[sign.Key], text)}
                </figure>
                """);
        }
        html.Append("</section>");
    }

    private static void AppendAlerts(StringBuilder html, IReadOnlyList<AlertDto> alerts, VisitReportText text)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(text["alerts"])}</h2>");
        if (alerts.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"none\">{E(text["noAlerts"])}</p></section>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th>{E(text["time"])}</th><th>{E(text["severity"])}</th><th>{E(text["alert"])}</th><th>{E(text["value"])}</th><th>{E(text["status"])}</th></tr></thead><tbody>");
        foreach (var a in alerts.OrderBy(a => a.RaisedAt))
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{E(a.Severity)}\"><td>{text.Time(a.RaisedAt)}</td><td>{E(a.Severity)}</td><td>{E(a.Title)}</td>"
                + $"<td>{(a.Value is { } v ? $"{text.Number(v)} {E(a.Unit ?? "")}" : "–")}</td><td>{E(a.Status)}</td></tr>");
        html.Append("</tbody></table></section>");
    }

    /// <summary>Escapes markup only: the page is UTF-8, so accented words stay readable in its source (WebUtility would write &amp;#233;).</summary>
    internal static string E(string? s) => (s ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    internal const string Style = """
        :root { color: #1b2430; background: #fff; font: 15px/1.5 system-ui, sans-serif; }
        main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.5rem; margin: 0 0 1rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d5dbe3; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; } .facts dt { color: #4a5668; }
        .facts dd { margin: 0; } .note { white-space: pre-wrap; } .none { color: #4a5668; }
        figure.vital { margin: 0 0 1rem; break-inside: avoid; } figcaption { margin-bottom: .25rem; }
        svg.chart { width: 100%; height: auto; border: 1px solid #e3e7ed; } svg text { font-size: 10px; fill: #4a5668; }
        svg .axis { stroke: #c3cad4; } svg polyline { fill: none; stroke-width: 1.5; } svg .value { stroke: #1f5fa8; } svg .diastolic { stroke: #7a4fa0; }
        table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e7ed; }
        tr.critical td:nth-child(2) { color: #a11d1d; font-weight: 600; }
        footer { margin-top: 2rem; color: #4a5668; font-size: .85rem; }
        @media print { :root { font-size: 11pt; } main { margin: 0; max-width: none; } section, table { break-inside: avoid; } }
        """;
}
