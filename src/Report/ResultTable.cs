namespace Agop.Report;

/// <summary>
/// A table as data (raw values under named columns): computed once, exported as CSV, and formatted from the
/// same rows into the PDF and Markdown tables.
/// </summary>
public sealed record ResultTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object>> Rows)
{
    public object this[IReadOnlyList<object> row, string column] => row[Index(column)];

    public double Number(IReadOnlyList<object> row, string column) => Convert.ToDouble(this[row, column]);
    public string Text(IReadOnlyList<object> row, string column) => Convert.ToString(this[row, column]) ?? "";

    /// <summary>The same rows with only <paramref name="columns"/>, in that order (what a CSV export promises).</summary>
    public ResultTable Select(IReadOnlyList<string> columns) =>
        new(columns, Rows.Select(r => (IReadOnlyList<object>)columns.Select(c => r[Index(c)]).ToList()).ToList());

    int Index(string column)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == column) return i;
        throw new KeyNotFoundException($"no column '{column}' (columns: {string.Join(", ", Columns)})");
    }
}
