namespace Agop.Science.Data.Real;

/// <summary>
/// The kept rows of the Adult files as read: numeric cells as numbers, categorical cells as the id of
/// their category (in order of first sight), labels as 0/1.
/// </summary>
internal sealed class AdultRows
{
    const int Fields = 15, InputColumns = 14;

    readonly Dictionary<string, int>[] ids = new Dictionary<string, int>[InputColumns];

    public AdultRows()
    {
        for (int c = 0; c < InputColumns; c++)
            if (AdultLoader.IsCategorical[c])
            {
                ids[c] = new Dictionary<string, int>(StringComparer.Ordinal);
                Categories[c] = [];
            }
    }

    /// <summary>Per input column, its categories in order of first sight; null for numeric columns.</summary>
    public List<string>?[] Categories { get; } = new List<string>?[InputColumns];
    public List<double> Cells { get; } = new(64 * 1024 * InputColumns);
    public List<long> Labels { get; } = new(64 * 1024);
    /// <summary>Rows left out for a '?' (a missing value or label).</summary>
    public int Dropped { get; private set; }

    public void ReadFile(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found");
        using var reader = new StreamReader(path);
        Span<Range> fields = stackalloc Range[Fields + 1];
        Span<double> cells = stackalloc double[InputColumns];
        int lineNumber = 0, rows = 0, blankLine = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.AsSpan();
            if (lineNumber == 1 && text.StartsWith('|')) continue; // adult.test's "|1x3 Cross validator" banner
            if (text.IsWhiteSpace()) { if (blankLine == 0) blankLine = lineNumber; continue; }
            if (blankLine != 0) throw new DataFileException(path, $"line {blankLine}: blank line inside the data");
            rows++;

            int count = text.Split(fields, ',');
            if (count != Fields)
                throw new DataFileException(path, $"line {lineNumber}: expected {Fields} comma-separated fields, found {text.Count(',') + 1}");

            var label = text[fields[InputColumns]].Trim();
            if (label.EndsWith('.')) label = label[..^1];
            long y;
            if (label.SequenceEqual(">50K")) y = 1;
            else if (label.SequenceEqual("<=50K")) y = 0;
            else if (label.SequenceEqual("?")) { Dropped++; continue; }
            else throw new DataFileException(path, $"line {lineNumber}: income label '{text[fields[InputColumns]].Trim()}' is neither >50K nor <=50K");

            if (HasMissing(text, fields)) { Dropped++; continue; }
            for (int c = 0; c < InputColumns; c++)
            {
                var cell = text[fields[c]].Trim();
                if (AdultLoader.IsCategorical[c]) cells[c] = CategoryId(c, cell);
                else if (!NumberCell.TryParse(cell, out cells[c]))
                    throw new DataFileException(path, $"line {lineNumber}: column {AdultLoader.ColumnNames[c]} is not a number: '{cell}'");
            }
            foreach (double cell in cells) Cells.Add(cell);
            Labels.Add(y);
        }
        if (rows == 0) throw new DataFileException(path, "no data rows (empty file)");
    }

    static bool HasMissing(ReadOnlySpan<char> text, ReadOnlySpan<Range> fields)
    {
        for (int c = 0; c < InputColumns; c++)
            if (text[fields[c]].Trim().SequenceEqual("?")) return true;
        return false;
    }

    int CategoryId(int column, ReadOnlySpan<char> cell)
    {
        var lookup = ids[column].GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(cell, out int id)) return id;
        id = ids[column].Count;
        string name = cell.ToString();
        ids[column].Add(name, id);
        Categories[column]!.Add(name);
        return id;
    }
}
