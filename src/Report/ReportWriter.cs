namespace Agop.Report;

/// <summary>Writes the PDF and every table as CSV and Markdown into one folder.</summary>
public static class ReportWriter
{
    public const string PdfName = "report.pdf";

    public static void Write(ReportData data, string folder)
    {
        Directory.CreateDirectory(folder);
        TableExport.WriteCsv(Path.Combine(folder, "table1.csv"), Part1Tables.Table1Data(data));
        TableExport.WriteCsv(Path.Combine(folder, "table2.csv"), Part1Tables.Table2Data(data).Select(Part1Tables.Table2Columns));
        TableExport.WriteMarkdown(Path.Combine(folder, "table1.md"), Part1Tables.Table1(data));
        TableExport.WriteMarkdown(Path.Combine(folder, "table2.md"), Part1Tables.Table2(data));
        if (data.Roar.Datasets.Count > 0)
        {
            TableExport.WriteCsv(Path.Combine(folder, "table3.csv"), Part2Tables.Table3Data(data.Roar));
            TableExport.WriteCsv(Path.Combine(folder, "roar_curves.csv"), Part2Tables.CurveData(data.Roar));
            TableExport.WriteMarkdown(Path.Combine(folder, "table3.md"), Part2Tables.Table3(data.Roar, data.Names));
        }
        var document = ReportComposer.Compose(data);
        var written = new HashSet<string>(StringComparer.Ordinal) { "table-1", "table-2", "table-3" };
        foreach (var table in document.Blocks.OfType<TableBlock>().Select(b => b.Table))
        {
            string slug = Slug(table.Title);
            if (!written.Add(slug)) continue;
            TableExport.WriteCsv(Path.Combine(folder, slug + ".csv"), table.Headers, table.Rows.Select(r => (IReadOnlyList<object>)r.Cast<object>().ToList()));
            TableExport.WriteMarkdown(Path.Combine(folder, slug + ".md"), table);
        }
        PdfRenderer.Write(document, Path.Combine(folder, PdfName));
    }

    /// <summary>File name of a table: its title up to the first period, lower-case, dashes for everything else.</summary>
    public static string Slug(string title)
    {
        int stop = title.IndexOf(". ", StringComparison.Ordinal);
        string head = (stop > 0 ? title[..stop] : title).ToLowerInvariant();
        var chars = head.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join("-", new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
