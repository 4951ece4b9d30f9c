using MathNet.Numerics.Distributions;

namespace Agop.Report.Claims;

/// <summary>
/// A mean with its two-sided 95 % interval. From paired seed-level values: Student's t on n − 1 degrees of freedom; from one
/// value (one seed, or the paper's own number): the point alone, with no interval (<see cref="HasInterval"/> false).
/// </summary>
public sealed record Interval(double Mean, double Low, double High, int N, string Method)
{
    public const double Level = 0.95;

    public bool HasInterval => N >= 2 && !double.IsNaN(Low);

    /// <summary>The t-interval of the mean of <paramref name="values"/> (NaN dropped).</summary>
    public static Interval OfMean(IEnumerable<double> values)
    {
        var list = values.Where(v => !double.IsNaN(v)).ToList();
        if (list.Count == 0) return new Interval(double.NaN, double.NaN, double.NaN, 0, "no values");
        double mean = list.Average();
        if (list.Count == 1) return new Interval(mean, mean, mean, 1, "one value: no interval");
        double sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        double half = StudentT.InvCDF(0, 1, list.Count - 1, 0.5 + Level / 2) * sd / Math.Sqrt(list.Count);
        return new Interval(mean, mean - half, mean + half, list.Count, $"95 % t-interval over {list.Count} seeds");
    }

    /// <summary>The normal-approximation interval of the mean of many per-sample values (CLT; for n in the hundreds and more).</summary>
    public static Interval OfSampleMean(IReadOnlyList<double> values)
    {
        var list = values.Where(v => !double.IsNaN(v)).ToList();
        if (list.Count < 2) return OfMean(list);
        double mean = list.Average();
        double sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        double half = Normal.InvCDF(0, 1, 0.5 + Level / 2) * sd / Math.Sqrt(list.Count);
        return new Interval(mean, mean - half, mean + half, list.Count, $"95 % normal interval over {list.Count} samples");
    }

    /// <summary>Where the interval lies against <paramref name="threshold"/>: above it, below it, or covering it. Without an interval, the point decides.</summary>
    public int Side(double threshold = 0)
    {
        if (double.IsNaN(Mean)) return 0;
        if (!HasInterval) return Math.Sign(Mean - threshold);
        return Low > threshold ? 1 : High < threshold ? -1 : 0;
    }

    /// <summary>"+0.012 [−0.004, +0.028]" (or the point alone).</summary>
    public string Text(string format = "+0.000;-0.000;0.000") => double.IsNaN(Mean) ? "n/a"
        : HasInterval ? $"{Mean.ToString(format)} [{Low.ToString(format)}, {High.ToString(format)}]" : Mean.ToString(format);
}
