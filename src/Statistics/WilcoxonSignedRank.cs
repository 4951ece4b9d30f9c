using MathNet.Numerics.Distributions;

namespace Agop.Statistics;

public sealed record WilcoxonResult(int N, double WPlus, double WMinus, double Z, double PValue);

/// <summary>
/// Paired Wilcoxon signed-rank test, two-sided, normal approximation with tie correction; zero differences are
/// dropped (Wilcoxon's convention, scipy's zero_method="wilcox", no continuity correction).
/// </summary>
public static class WilcoxonSignedRank
{
    public static WilcoxonResult Test(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException("paired samples must have the same length");
        var differences = a.Zip(b, (x, y) => x - y).Where(d => d != 0).ToArray();
        int n = differences.Length;
        if (n == 0) return new WilcoxonResult(0, 0, 0, 0, 1);
        var ranks = Ranking.AverageRanks(differences.Select(Math.Abs).ToArray());
        double plus = 0, minus = 0;
        for (int i = 0; i < n; i++)
            if (differences[i] > 0) plus += ranks[i]; else minus += ranks[i];
        double count = n; // double arithmetic: n(n+1)(2n+1) overflows int beyond n ≈ 1,000
        double mean = count * (count + 1) / 4;
        double variance = count * (count + 1) * (2 * count + 1) / 24;
        foreach (var tie in ranks.GroupBy(r => r).Where(g => g.Count() > 1))
        {
            double t = tie.Count();
            variance -= (t * t * t - t) / 48.0;
        }
        double z = variance > 0 ? (plus - mean) / Math.Sqrt(variance) : 0;
        double p = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
        return new WilcoxonResult(n, plus, minus, z, Math.Min(1, p));
    }
}
