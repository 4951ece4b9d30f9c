namespace Agop.Science.Data.Real;

/// <summary>Stratified train/test split of a real table, standardised with training statistics (SPEC §6).</summary>
public static class RealSplit
{
    /// <param name="maxRows">0 keeps every row; otherwise a seeded stratified subsample first (for quick runs).</param>
    public static TabularData Split(RawTable table, double testFraction, int seed, int maxRows = 0)
    {
        var rows = Enumerable.Range(0, table.Rows).ToArray();
        if (maxRows > 0 && maxRows < table.Rows)
        {
            var (kept, _) = StratifiedSplit.Split(table.Labels, 1.0 - maxRows / (double)table.Rows, seed + 7_919);
            rows = kept.Order().ToArray();
        }
        var labels = rows.Select(r => table.Labels[r]).ToArray();
        var (train, test) = StratifiedSplit.Split(labels, testFraction, seed);
        var trainRows = train.Select(i => rows[i]).ToArray();
        var testRows = test.Select(i => rows[i]).ToArray();
        int d = table.Columns;
        var scaler = new Standardizer(table.Features, d, trainRows);
        return new TabularData(d, 2, scaler.Transform(table.Features, d, trainRows), trainRows.Select(r => table.Labels[r]).ToArray(),
            scaler.Transform(table.Features, d, testRows), testRows.Select(r => table.Labels[r]).ToArray(), table.FeatureNames);
    }
}
