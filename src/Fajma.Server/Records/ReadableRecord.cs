using System.Globalization;
using System.Text;
using Fajma.Server.Consultations;
using Fajma.Server.Observations;

namespace Fajma.Server.Records;

/// <summary>
/// The patient's whole record as one self-contained HTML page (no script, no external resource) that prints cleanly: identity,
/// care team and devices, a chart of each vital sign over time, alerts, consultations, and the patient's rights. Text from the
/// record is encoded; styles and charts are the visit report's.
/// </summary>
public static class ReadableRecord
{
    /// <summary>Points per chart: enough to show a trend, few enough for a page that opens at once.</summary>
    public const int ChartPoints = 600;

    public static string Html(RecordContents record, RecordText text, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{text.Language}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(text["title"])} — {E(record.Name)}</title>
            <style>{VisitReport.Style}</style>
            </head>
            <body>
            <main>
            <h1>{E(text["title"])}</h1>
            <p class="none">{E(text["intro"])}</p>
            <section><h2>{E(text["identity"])}</h2>
            <dl class="facts">
            <dt>{E(text["name"])}</dt><dd>{E(record.Name)}</dd>
            <dt>{E(text["born"])}</dt><dd>{text.Date(record.DateOfBirth)}</dd>
            <dt>{E(text["since"])}</dt><dd>{text.Visit.Time(record.Since)}</dd>
            <dt>{E(text["careTeam"])}</dt><dd>{List(record.CareTeam, text)}</dd>
            <dt>{E(text["devices"])}</dt><dd>{List(record.Devices, text)}</dd>
            </dl></section>
            """);
        AppendVitals(html, record, text);
        AppendAlerts(html, record, text);
        AppendConsultations(html, record.Consultations, text);
        html.Append(CultureInfo.InvariantCulture, $"""
            <section><h2>{E(text["rights"])}</h2><p>{E(string.Format(CultureInfo.InvariantCulture, text["rightsText"], record.RetentionYears))}</p></section>
            <footer><p>{E(text["generated"])} {text.Visit.Time(generatedAt)}. {E(text["times"])}</p></footer>
            </main>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static void AppendVitals(StringBuilder html, RecordContents record, RecordText text)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(text["vitals"])}</h2>");
        if (record.Readings.Count == 0) html.Append(CultureInfo.InvariantCulture, $"<p class=\"none\">{E(text["noVitals"])}</p>");
        if (record.Truncated)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"none\">{E(string.Format(CultureInfo.InvariantCulture, text["truncated"], record.Readings.Count))}</p>");
        foreach (var sign in record.Readings.GroupBy(r => r.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = sign.OrderBy(r => r.MeasuredAt).ToList();
            var v = text.Visit;
            string Show(ObservationDto r) => r.Diastolic is { } d ? $"{v.Number(r.Value)}/{v.Number(d)}" : v.Number(r.Value);
            html.Append(CultureInfo.InvariantCulture, $"""
                <figure class="vital">
                <figcaption><strong>{E(v[sign.Key])}</strong> ({E(list[^1].Unit)}) — {E(v["min"])} {v.Number(list.Min(r => r.Value))},
                {E(v["max"])} {v.Number(list.Max(r => r.Value))}, {E(v["last"])} {Show(list[^1])} · {list.Count} {E(v["count"])}</figcaption>
                {VisitReportChart.Svg(Thin(list), list[0].MeasuredAt, list[^1].MeasuredAt, v[sign.Key], v)}
                </figure>
                """);
        }
        html.Append("</section>");
    }

    private static void AppendAlerts(StringBuilder html, RecordContents record, RecordText text)
    {
        var v = text.Visit;
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(text["alerts"])}</h2>");
        if (record.Alerts.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"none\">{E(text["none"])}</p></section>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th>{E(v["time"])}</th><th>{E(v["severity"])}</th><th>{E(v["alert"])}</th><th>{E(v["value"])}</th><th>{E(v["status"])}</th></tr></thead><tbody>");
        foreach (var a in record.Alerts.OrderBy(a => a.RaisedAt))
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{E(a.Severity)}\"><td>{v.Time(a.RaisedAt)}</td><td>{E(a.Severity)}</td><td>{E(a.Title)}</td>"
                + $"<td>{(a.Value is { } x ? $"{v.Number(x)} {E(a.Unit ?? "")}" : "–")}</td><td>{E(a.Status)}</td></tr>");
        html.Append("</tbody></table></section>");
    }

    private static void AppendConsultations(StringBuilder html, IReadOnlyList<ConsultationDto> consultations, RecordText text)
    {
        var v = text.Visit;
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(text["consultations"])}</h2>");
        if (consultations.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"none\">{E(text["noConsultations"])}</p></section>");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<table><thead><tr><th>{E(text["date"])}</th><th>{E(v["doctor"])}</th><th>{E(text["reason"])}</th><th>{E(v["state"])}</th><th>{E(v["note"])}</th></tr></thead><tbody>");
        foreach (var c in consultations.OrderBy(c => c.ScheduledAt))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{v.Time(c.StartedAt ?? c.ScheduledAt)}</td><td>{E(c.DoctorName)}</td><td>{E(c.Reason)}</td>"
                + $"<td>{E(c.State == "scheduled" ? text["scheduled"] : v[c.State])}</td><td class=\"note\">{E(c.Note ?? "")}</td></tr>");
        html.Append("</tbody></table></section>");
    }

    /// <summary>At most <see cref="ChartPoints"/> readings, evenly picked, the last always kept.</summary>
    private static List<ObservationDto> Thin(List<ObservationDto> list)
    {
        if (list.Count <= ChartPoints) return list;
        var step = (double)list.Count / ChartPoints;
        var picked = Enumerable.Range(0, ChartPoints).Select(i => list[(int)(i * step)]).ToList();
        picked[^1] = list[^1];
        return picked;
    }

    private static string List(IReadOnlyList<string> items, RecordText text) => items.Count == 0 ? E(text["none"]) : E(string.Join(", ", items));

    private static string E(string? s) => VisitReport.E(s);
}
