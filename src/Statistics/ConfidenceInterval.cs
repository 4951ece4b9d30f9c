using MathNet.Numerics.Distributions;

namespace Agop.Statistics;

/// <summary>Two-sided Student-t confidence interval of a mean: x̄ ± t_{1−α/2, n−1} · s/√n.</summary>
public static class ConfidenceInterval
{
    public static (double Mean, double HalfWidth) Of(IReadOnlyList<double> values, double level = 0.95)
    {
        int n = values.Count;
        double mean = values.Average();
        if (n < 2) return (mean, double.NaN);
        double s = SampleStatistics.StandardDeviation(values);
        return (mean, StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2) * s / Math.Sqrt(n));
    }
}
