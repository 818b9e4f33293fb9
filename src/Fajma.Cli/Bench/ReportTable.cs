using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>A benchmark report's rows, printed as a console table or written as Markdown: one layout for every bench.</summary>
internal static class ReportTable
{
    public static void Print(string title, IEnumerable<(string Name, string Value)> rows) =>
        Print(title, ["measure", "value"], rows.Select(r => (IReadOnlyList<string>)[r.Name, r.Value]));

    public static string ToMarkdown(IEnumerable<(string Name, string Value)> rows) =>
        ToMarkdown(["measure", "value"], rows.Select(r => (IReadOnlyList<string>)[r.Name, r.Value]));

    /// <summary>Runs side by side: one row per run, one column per measure.</summary>
    public static void Print(string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Title(title);
        foreach (var column in columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in rows) table.AddRow([.. row.Select(Markup.Escape)]);
        AnsiConsole.Write(table);
    }

    public static string ToMarkdown(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder("| ").AppendJoin(" | ", columns).Append(" |\n|").Append(string.Concat(Enumerable.Repeat(" --- |", columns.Count))).Append('\n');
        foreach (var row in rows) builder.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        return builder.ToString();
    }
}
