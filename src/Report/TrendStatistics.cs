namespace Agop.Report;

/// <summary>
/// "Monotone" as numbers (SPEC §10.5, H7): Kendall's τ-b between epoch and a quality curve, and the share of consecutive
/// increases. A small local helper for the report (a Statistics-project version may replace it).
/// </summary>
public static class TrendStatistics
{
    /// <summary>Kendall's τ-b (ties corrected) over the pairs where both values are numbers; NaN with fewer than two such pairs or a constant side.</summary>
    public static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values, y {y.Count}");
        var pairs = Enumerable.Range(0, x.Count).Where(i => !double.IsNaN(x[i]) && !double.IsNaN(y[i])).Select(i => (X: x[i], Y: y[i])).ToList();
        int n = pairs.Count;
        if (n < 2) return double.NaN;
        long s = 0, tiesX = 0, tiesY = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                int dx = Math.Sign(pairs[i].X - pairs[j].X), dy = Math.Sign(pairs[i].Y - pairs[j].Y);
                if (dx == 0) tiesX++;
                if (dy == 0) tiesY++;
                s += dx * dy;
            }
        long n0 = (long)n * (n - 1) / 2;
        double denominator = Math.Sqrt((double)(n0 - tiesX) * (n0 - tiesY));
        return denominator == 0 ? double.NaN : s / denominator;
    }

    /// <summary>The share of steps y[i] → y[i+1] that go up (strictly), NaN values skipped; NaN with fewer than two values.</summary>
    public static double ShareOfIncreases(IReadOnlyList<double> y)
    {
        var values = y.Where(v => !double.IsNaN(v)).ToList();
        if (values.Count < 2) return double.NaN;
        int up = 0;
        for (int i = 1; i < values.Count; i++) if (values[i] > values[i - 1]) up++;
        return up / (double)(values.Count - 1);
    }
}
