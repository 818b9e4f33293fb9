using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>A benchmark report's rows, printed as a console table or written as Markdown: one layout for every bench.</summary>
internal static class ReportTable
{
    public static void Print(string title, IEnumerable<(string Name, string Value)> rows)
    {
        var table = new Table().Title(title).AddColumn("measure").AddColumn("value");
        foreach (var (name, value) in rows) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        AnsiConsole.Write(table);
    }

    public static string ToMarkdown(IEnumerable<(string Name, string Value)> rows)
    {
        var builder = new StringBuilder("| measure | value |\n| --- | --- |\n");
        foreach (var (name, value) in rows) builder.Append(CultureInfo.InvariantCulture, $"| {name} | {value} |\n");
        return builder.ToString();
    }
}
