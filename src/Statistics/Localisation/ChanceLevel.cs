using MathNet.Numerics;

namespace Agop.Statistics.Localisation;

/// <summary>Chance levels of the top-|G| localisation metrics for a uniformly random attribution (SPEC §10.5).</summary>
public static class ChanceLevel
{
    /// <summary>
    /// E[|B ∩ G| / (2k − |B ∩ G|)] for a uniformly random k-subset B against a fixed k-subset G of
    /// <paramref name="pixels"/>: X = |B ∩ G| is hypergeometric, P(X = x) = C(k, x)·C(N − k, k − x) / C(N, k).
    /// 0.0705 for (64, 8) and 0.0366 for (64, 4).
    /// </summary>
    public static double ExpectedIoU(int pixels, int k)
    {
        Check(pixels, k);
        double logTotal = SpecialFunctions.BinomialLn(pixels, k);
        double expectation = 0;
        for (int x = Math.Max(1, 2 * k - pixels); x <= k; x++)
        {
            double probability = Math.Exp(SpecialFunctions.BinomialLn(k, x) + SpecialFunctions.BinomialLn(pixels - k, k - x) - logTotal);
            expectation += probability * x / (2.0 * k - x);
        }
        return expectation;
    }

    /// <summary>E[|B ∩ G| / k] = k / pixels (the mean of the hypergeometric is k²/N).</summary>
    public static double ExpectedPrecision(int pixels, int k)
    {
        Check(pixels, k);
        return (double)k / pixels;
    }

    private static void Check(int pixels, int k)
    {
        if (pixels <= 0) throw new ArgumentOutOfRangeException(nameof(pixels), pixels, "pixels must be positive.");
        if (k <= 0 || k > pixels) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [1, {pixels}].");
    }
}
