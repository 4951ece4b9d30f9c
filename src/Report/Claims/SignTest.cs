using MathNet.Numerics.Distributions;

namespace Agop.Report;

/// <summary>A sign test's counts: paired differences below 0, above 0 and equal to 0 (NaN pairs are not counted).</summary>
public sealed record SignTestResult(int Below, int Above, int Zero, double PValue)
{
    /// <summary>The pairs the test uses (zero differences dropped).</summary>
    public int N => Below + Above;
}

/// <summary>
/// The two-sided sign test of paired differences: under H0 the number of negative differences among the non-zero ones is
/// Binomial(n, 1/2). Exact for n ≤ <see cref="ExactUpTo"/>; above it the normal approximation with continuity correction.
/// </summary>
public static class SignTest
{
    public const int ExactUpTo = 1000;

    /// <summary>Significance level of the report's sign tests.</summary>
    public const double Alpha = 0.05;

    public static SignTestResult Test(IEnumerable<double> differences)
    {
        int below = 0, above = 0, zero = 0;
        foreach (var d in differences)
        {
            if (double.IsNaN(d)) continue;
            if (d < 0) below++;
            else if (d > 0) above++;
            else zero++;
        }
        return new SignTestResult(below, above, zero, TwoSided(below, above));
    }

    /// <summary>Two-sided p-value: 2·P(X ≤ min(below, above)) for X ~ Binomial(below + above, 1/2), at most 1; 1 without pairs.</summary>
    public static double TwoSided(int below, int above)
    {
        if (below < 0 || above < 0) throw new ArgumentOutOfRangeException(nameof(below), "counts cannot be negative");
        int n = below + above;
        if (n == 0) return 1;
        int k = Math.Min(below, above);
        if (n <= ExactUpTo)
        {
            // Σ_{i ≤ k} C(n, i) · 2⁻ⁿ; C(n, i) from its logarithm (C(1000, 500) ≈ 2.7e299 still fits a double), 2⁻ⁿ as an exact exponent shift
            double logBinomial = 0, tail = 0;
            for (int i = 0; i <= k; i++)
            {
                tail += Math.ScaleB(Math.Exp(logBinomial), -n);
                logBinomial += Math.Log(n - i) - Math.Log(i + 1);
            }
            return Math.Min(1, 2 * tail);
        }
        double z = (k + 0.5 - n / 2.0) / (Math.Sqrt(n) / 2);
        return Math.Min(1, 2 * Normal.CDF(0, 1, z));
    }
}
