namespace Agop.Report;

/// <summary>Writes the PDF and every table as CSV and Markdown into one folder.</summary>
public static class ReportWriter
{
    public const string PdfName = "report.pdf";

    public static void Write(ReportData data, string folder)
    {
        Directory.CreateDirectory(folder);
        TableExport.WriteCsv(Path.Combine(folder, "table1.csv"), Part1Tables.Table1Columns, Part1Tables.Table1Rows(data));
        TableExport.WriteCsv(Path.Combine(folder, "table2.csv"), Part1Tables.Table2Columns, Part1Tables.Table2Rows(data));
        TableExport.WriteMarkdown(Path.Combine(folder, "table1.md"), Part1Tables.Table1(data));
        TableExport.WriteMarkdown(Path.Combine(folder, "table2.md"), Part1Tables.Table2(data));
        TableExport.WriteMarkdown(Path.Combine(folder, "agop.md"), Part1Tables.AgopTable(data));
        if (data.Roar.Datasets.Count > 0)
        {
            TableExport.WriteCsv(Path.Combine(folder, "table3.csv"), Part2Tables.Table3Columns, Part2Tables.Table3Rows(data.Roar));
            TableExport.WriteCsv(Path.Combine(folder, "roar_curves.csv"), Part2Tables.CurveColumns, Part2Tables.CurveRows(data.Roar));
            TableExport.WriteMarkdown(Path.Combine(folder, "table3.md"), Part2Tables.Table3(data.Roar));
        }
        PdfRenderer.Write(ReportComposer.Compose(data), Path.Combine(folder, PdfName));
    }
}
