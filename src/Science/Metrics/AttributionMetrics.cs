using Agop.Statistics;
namespace Agop.Science.Metrics;

/// <summary>The Part 1 metrics for one sample; both vectors already normalised (|a| / Σ|a|).</summary>
public static class AttributionMetrics
{
    /// <summary>Spearman's ρ with average ranks for ties; 0 when either vector is constant.</summary>
    public static double Spearman(ReadOnlySpan<float> attribution, ReadOnlySpan<float> truth)
    {
        var a = Ranking.AverageRanks(attribution);
        var t = Ranking.AverageRanks(truth);
        double meanA = a.Average(), meanT = t.Average();
        double cov = 0, varA = 0, varT = 0;
        for (int j = 0; j < a.Length; j++)
        {
            cov += (a[j] - meanA) * (t[j] - meanT);
            varA += (a[j] - meanA) * (a[j] - meanA);
            varT += (t[j] - meanT) * (t[j] - meanT);
        }
        return varA == 0 || varT == 0 ? 0 : cov / Math.Sqrt(varA * varT);
    }

    /// <summary>|top-k(truth) ∩ top-k(attribution)| / k.</summary>
    public static double TopKPrecision(ReadOnlySpan<float> attribution, ReadOnlySpan<float> truth, int k)
    {
        var top = Ranking.TopK(attribution, k);
        var truthTop = Ranking.TopK(truth, k);
        return top.Intersect(truthTop).Count() / (double)k;
    }

    /// <summary>Share of the attribution on features whose ground truth is exactly zero.</summary>
    public static double NoiseMass(ReadOnlySpan<float> attribution, ReadOnlySpan<float> truth)
    {
        double noise = 0, total = 0;
        for (int j = 0; j < attribution.Length; j++)
        {
            total += attribution[j];
            if (truth[j] == 0) noise += attribution[j];
        }
        return total == 0 ? 0 : noise / total;
    }
}
