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
        var written = new HashSet<string>(StringComparer.Ordinal) { "table-1", "table-2", "table-3", "table-4", "table-4b", "table-5", "table-6", "table-6b" };
        if (data.Images is { } images)
        {
            TableExport.WriteCsv(Path.Combine(folder, "table4.csv"), Part3Tables.Table4Data(images));
            TableExport.WriteCsv(Path.Combine(folder, "table4_detail.csv"), Part3Tables.Table4DetailData(images));
            TableExport.WriteMarkdown(Path.Combine(folder, "table4.md"), Part3Tables.Table4(images, data.Names, stacked: false));
            TableExport.WriteCsv(Path.Combine(folder, "table4b.csv"), Part3Claims.Table4bData(images, data.Names));
            TableExport.WriteMarkdown(Path.Combine(folder, "table4b.md"), Part3Claims.Table4b(images, data.Names));
            TableExport.WriteCsv(Path.Combine(folder, "table5.csv"), Part3Tables.Table5Data(images));
            TableExport.WriteMarkdown(Path.Combine(folder, "table5.md"), Part3Tables.Table5(images));
            // Table 4's other blocks with one-line labels (the PDF runs labels down several rows)
            foreach (var table in new[] { Part3Tables.Table4Scores(images, data.Names, stacked: false), Part3Tables.Table4Time(images, data.Names) })
                if (written.Add(Slug(table.Title))) WriteFormatted(folder, table);
        }
        if (data.Faithfulness is { } faith)
        {
            TableExport.WriteCsv(Path.Combine(folder, "table6.csv"), Part4Tables.Table6Data(faith));
            TableExport.WriteCsv(Path.Combine(folder, "table6_detail.csv"), Part4Tables.Table6DetailData(faith));
            TableExport.WriteMarkdown(Path.Combine(folder, "table6.md"), Part4Tables.Table6(faith, data.Names, stacked: false));
            TableExport.WriteCsv(Path.Combine(folder, "table6b.csv"), Part4Claims.Table6bData(faith, data.Names));
            TableExport.WriteMarkdown(Path.Combine(folder, "table6b.md"), Part4Claims.Table6b(faith, data.Names));
        }
        TableExport.WriteCsv(Path.Combine(folder, "claims_robustness.csv"), Claims.ClaimsRobustness.Data(data));
        written.Add("claims-robustness");
        TableExport.WriteCsv(Path.Combine(folder, "work-units.csv"), UnitStages.Csv(data.Units));
        written.Add("work-units");
        var document = ReportComposer.Compose(data);
        foreach (var table in document.Blocks.OfType<TableBlock>().Select(b => b.Table))
        {
            string slug = Slug(table.Title);
            if (!written.Add(slug)) continue;
            WriteFormatted(folder, table);
        }
        PdfRenderer.Write(document, Path.Combine(folder, PdfName));
    }

    /// <summary>A formatted table as CSV and Markdown, named by <see cref="Slug"/>.</summary>
    static void WriteFormatted(string folder, ReportTable table)
    {
        string slug = Slug(table.Title);
        TableExport.WriteCsv(Path.Combine(folder, slug + ".csv"), table.Headers, table.Rows.Select(r => (IReadOnlyList<object>)r.Cast<object>().ToList()));
        TableExport.WriteMarkdown(Path.Combine(folder, slug + ".md"), table);
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
