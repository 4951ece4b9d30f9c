namespace Agop.Science.Data.Real;

/// <summary>
/// Header detection and row parsing shared by every credit-default layout: the caller hands over each
/// line (CSV) or sheet row (.xls) as its cells, in order.
/// </summary>
internal sealed class CreditRows(string file, string unit)
{
    const int Fields = 25; // ID, 23 features, label

    enum Expect { Header, NamesOrData, Data }

    Expect expect = Expect.Header;
    int firstBlank;
    readonly List<double> features = new(30_000 * 23);
    readonly List<long> labels = new(30_000);

    public void Add(int line, IReadOnlyList<string> rawCells)
    {
        var cells = new string[rawCells.Count];
        bool blank = true;
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = Unquote(rawCells[i]);
            if (cells[i].Length > 0) blank = false;
        }
        if (blank) { if (firstBlank == 0) firstBlank = line; return; }
        if (firstBlank != 0) throw Error(firstBlank, "blank inside the data");

        switch (expect)
        {
            case Expect.Header when IsCodeHeader(cells): expect = Expect.NamesOrData; return;
            case Expect.Header or Expect.NamesOrData when IsNameHeader(cells): expect = Expect.Data; return;
            case Expect.Header: throw Error(line, $"unknown header '{string.Join(",", cells)}' (expected ID,X1..X23,Y or ID,LIMIT_BAL,..,PAY_AMT6,default.payment.next.month)");
        }
        expect = Expect.Data;
        AddData(line, cells);
    }

    public RawTable Finish()
    {
        if (expect == Expect.Header) throw new DataFileException(file, "empty file (no header)");
        if (labels.Count == 0) throw new DataFileException(file, "no data rows");
        return new RawTable("credit", CreditDefaultLoader.FeatureNames, features.ToArray(), labels.ToArray());
    }

    void AddData(int line, string[] cells)
    {
        if (cells.Length != Fields) throw Error(line, $"expected {Fields} fields, found {cells.Length}");
        if (!NumberCell.TryParse(cells[0], out _)) throw Error(line, $"ID is not a number: '{cells[0]}'");
        for (int j = 1; j <= 23; j++)
        {
            if (!NumberCell.TryParse(cells[j], out double value))
                throw Error(line, $"column {CreditDefaultLoader.FeatureNames[j - 1]} is not a number: '{cells[j]}'");
            features.Add(value);
        }
        if (!NumberCell.TryParse(cells[24], out double label) || (label != 0 && label != 1))
            throw Error(line, $"label is not 0 or 1: '{cells[24]}'");
        labels.Add((long)label);
    }

    DataFileException Error(int line, string problem) => new(file, $"{unit} {line}: {problem}");

    static string Unquote(string cell)
    {
        var text = cell.AsSpan().Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"') text = text[1..^1].Trim();
        return text.Length == cell.Length ? cell : text.ToString();
    }

    static bool IsCodeHeader(string[] cells)
    {
        if (cells.Length != Fields || !(cells[0].Length == 0 || Is(cells[0], "ID")) || !Is(cells[24], "Y")) return false;
        for (int j = 1; j <= 23; j++)
            if (!Is(cells[j], $"X{j}")) return false;
        return true;
    }

    static bool IsNameHeader(string[] cells)
    {
        if (cells.Length != Fields || !Is(cells[0], "ID")) return false;
        for (int j = 1; j <= 23; j++)
            if (!Is(cells[j], CreditDefaultLoader.FeatureNames[j - 1])) return false;
        string label = cells[24].Replace(' ', '.').Replace('_', '.');
        return Is(label, "default.payment.next.month");
    }

    static bool Is(string cell, string name) => string.Equals(cell, name, StringComparison.OrdinalIgnoreCase);
}
