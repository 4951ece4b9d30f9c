using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Agop.Science.Data.Real;

/// <summary>
/// UCI "Default of Credit Card Clients": 23 features and the 0/1 default label, from the CSV with
/// X1..X23 codes, Kaggle's UCI_Credit_Card.csv, or UCI's .xls (two header rows).
/// </summary>
public static class CreditDefaultLoader
{
    public static readonly string[] FileNames = ["credit-default.csv", "UCI_Credit_Card.csv", "default of credit card clients.xls"];

    internal static readonly string[] FeatureNames =
    [
        "LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE",
        "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6",
        "BILL_AMT1", "BILL_AMT2", "BILL_AMT3", "BILL_AMT4", "BILL_AMT5", "BILL_AMT6",
        "PAY_AMT1", "PAY_AMT2", "PAY_AMT3", "PAY_AMT4", "PAY_AMT5", "PAY_AMT6",
    ];

    public static RawTable Load(string folder)
    {
        foreach (string name in FileNames)
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path)) return LoadFile(path);
        }
        throw new DataFileException(folder, $"none of {string.Join(", ", FileNames)} found");
    }

    public static RawTable LoadFile(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".xls" or ".xlsx" ? ReadSpreadsheet(path) : ReadCsv(path);
    }

    static RawTable ReadCsv(string path)
    {
        var rows = new CreditRows(path, "line");
        using var reader = new StreamReader(path);
        int line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null) rows.Add(++line, text.Split(','));
        return rows.Finish();
    }

    static RawTable ReadSpreadsheet(string path)
    {
        EnsureCodePages();
        var rows = new CreditRows(path, "row");
        using var stream = File.OpenRead(path);
        IExcelDataReader reader;
        try { reader = ExcelReaderFactory.CreateReader(stream); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DataFileException(path, $"not a readable spreadsheet: {e.Message}");
        }
        using (reader)
        {
            int row = 0;
            var cells = new List<string>();
            while (reader.Read())
            {
                cells.Clear();
                for (int i = 0; i < reader.FieldCount; i++) cells.Add(CellText(reader.GetValue(i)));
                while (cells.Count > 0 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1); // formatted but empty columns
                rows.Add(++row, cells);
            }
        }
        return rows.Finish();
    }

    static string CellText(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>ExcelDataReader needs the legacy code pages (cp1252) that .NET Core leaves out by default.</summary>
    static void EnsureCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
