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

    /// <summary>The t-interval of the mean of <paramref name="values"/> (NaN dropped): seed-level values.</summary>
    public static Interval OfMean(IEnumerable<double> values) =>
        Of(values, n => StudentT.InvCDF(0, 1, n - 1, 0.5 + Level / 2), n => $"95 % t-interval over {n} seeds");

    /// <summary>The normal-approximation interval of the mean of many per-sample values (CLT; for n in the hundreds and more).</summary>
    public static Interval OfSampleMean(IEnumerable<double> values) =>
        Of(values, _ => Normal.InvCDF(0, 1, 0.5 + Level / 2), n => $"95 % normal interval over {n} samples");

    static Interval Of(IEnumerable<double> values, Func<int, double> quantile, Func<int, string> method)
    {
        var list = values.Where(v => !double.IsNaN(v)).ToList();
        if (list.Count == 0) return new Interval(double.NaN, double.NaN, double.NaN, 0, "no values");
        double mean = list.Average();
        if (list.Count == 1) return new Interval(mean, mean, mean, 1, "one value: no interval");
        double half = quantile(list.Count) * Agop.Statistics.SampleStatistics.StandardDeviation(list) / Math.Sqrt(list.Count);
        return new Interval(mean, mean - half, mean + half, list.Count, method(list.Count));
    }

    /// <summary>Where the interval lies against <paramref name="threshold"/>: above it, below it, or covering it. Without an interval, the point decides.</summary>
    public int Side(double threshold = 0)
    {
        if (double.IsNaN(Mean)) return 0;
        if (!HasInterval) return Math.Sign(Mean - threshold);
        return Low > threshold ? 1 : High < threshold ? -1 : 0;
    }

    /// <summary>
    /// The verdict of a claim that this mean lies above <paramref name="threshold"/> (<paramref name="above"/>) or below it:
    /// beyond the interval in the claim's direction holds, beyond it the other way contradicts, across it is <paramref name="within"/>.
    /// </summary>
    public Verdict Against(double threshold, bool above, Verdict within = Verdict.Tie) =>
        (Side(threshold) * (above ? 1 : -1)) switch { > 0 => Verdict.Holds, < 0 => Verdict.Contradicted, _ => within };

    /// <summary>"+0.012 [−0.004, +0.028]" (or the point alone).</summary>
    public string Text(string format = "+0.000;-0.000;0.000") => double.IsNaN(Mean) ? "n/a"
        : HasInterval ? $"{Mean.ToString(format)} [{Low.ToString(format)}, {High.ToString(format)}]" : Mean.ToString(format);
}
