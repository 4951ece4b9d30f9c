namespace Agop.Statistics.Localisation;

/// <summary>
/// How a quality curve moves over epochs (SPEC §10.5, H7): Pearson correlation, Kendall's τ_b and the share of
/// consecutive increases. A non-finite value anywhere (e.g. an epoch whose Pearson was undefined) makes the result NaN
/// rather than throwing, so that a report prints it as missing; lists of different lengths throw.
/// </summary>
public static class Trend
{
    /// <summary>Pearson's r; NaN when either side is constant (or has fewer than two values).</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int count = CheckPaired(x, y);
        if (count < 2 || !AllFinite(x) || !AllFinite(y)) return double.NaN;
        double meanX = 0, meanY = 0;
        for (int i = 0; i < count; i++) { meanX += x[i]; meanY += y[i]; }
        meanX /= count;
        meanY /= count;
        double cov = 0, varX = 0, varY = 0;
        for (int i = 0; i < count; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            cov += dx * dy;
            varX += dx * dx;
            varY += dy * dy;
        }
        if (varX == 0 || varY == 0) return double.NaN;
        return Math.Clamp(cov / Math.Sqrt(varX * varY), -1, 1);
    }

    /// <summary>
    /// Kendall's τ_b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)), n₀ = n(n − 1)/2 pairs, n₁ and n₂ the pairs tied in x and in
    /// y. A pair tied in either is neither concordant nor discordant. NaN when either side is constant. O(n²).
    /// </summary>
    public static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int count = CheckPaired(x, y);
        if (!AllFinite(x) || !AllFinite(y)) return double.NaN;
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
            {
                int sx = Math.Sign(x[j] - x[i]), sy = Math.Sign(y[j] - y[i]);
                if (sx == 0) tiedX++;
                if (sy == 0) tiedY++;
                if (sx == 0 || sy == 0) continue;
                if (sx == sy) concordant++;
                else discordant++;
            }
        long pairs = (long)count * (count - 1) / 2;
        double denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? double.NaN : (concordant - discordant) / denominator;
    }

    /// <summary>Share of consecutive pairs with y[i+1] &gt; y[i]; NaN for fewer than two values.</summary>
    public static double ShareOfIncreases(IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count < 2 || !AllFinite(y)) return double.NaN;
        int increases = 0;
        for (int i = 0; i + 1 < y.Count; i++)
            if (y[i + 1] > y[i]) increases++;
        return (double)increases / (y.Count - 1);
    }

    private static int CheckPaired(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values, y {y.Count}.", nameof(y));
        return x.Count;
    }

    private static bool AllFinite(IReadOnlyList<double> values)
    {
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) return false;
        return true;
    }
}
