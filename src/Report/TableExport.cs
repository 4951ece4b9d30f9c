using System.Globalization;
using System.Text;

namespace Agop.Report;

/// <summary>Tables as CSV (raw numbers, invariant culture) and GitHub Markdown, so results diff cleanly.</summary>
public static class TableExport
{
    public static void WriteCsv(string path, ResultTable table) => WriteCsv(path, table.Columns, table.Rows);

    public static void WriteCsv(string path, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object>> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", headers.Select(Escape)));
        foreach (var row in rows) text.AppendLine(string.Join(",", row.Select(Format).Select(Escape)));
        File.WriteAllText(path, text.ToString());
    }

    public static void WriteMarkdown(string path, ReportTable table)
    {
        var text = new StringBuilder();
        text.AppendLine($"### {table.Title}").AppendLine();
        text.AppendLine("| " + string.Join(" | ", table.Headers) + " |");
        text.AppendLine("|" + string.Concat(table.Headers.Select(_ => "---|")));
        foreach (var row in table.Rows) text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
        if (table.Caption is { } caption) text.AppendLine().AppendLine(caption);
        File.WriteAllText(path, text.ToString());
    }

    static string Format(object value) => value switch
    {
        double d => double.IsNaN(d) ? "" : d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
