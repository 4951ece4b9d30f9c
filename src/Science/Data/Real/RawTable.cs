namespace Agop.Science.Data.Real;

/// <summary>Raw (unstandardised) features, row-major n×d, with 0/1 labels.</summary>
public sealed record RawTable(string Name, IReadOnlyList<string> FeatureNames, double[] Features, long[] Labels)
{
    public int Rows => Labels.Length;

    /// <summary>Rows of the source left out for a missing value (Adult's '?', a user table's empty cells).</summary>
    public int RowsDropped { get; init; }
    public int Columns => FeatureNames.Count;

    public double PositiveRate()
    {
        long positives = 0;
        foreach (long y in Labels) positives += y;
        return Rows == 0 ? 0 : (double)positives / Rows;
    }
}
