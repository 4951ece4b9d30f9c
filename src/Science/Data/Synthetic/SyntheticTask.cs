namespace Agop.Science.Data.Synthetic;

/// <summary>
/// A true class-score function s_c(x) on raw features that depends only on the informative set S.
/// Implementations must never read a feature outside S, so noise features get exactly zero ground truth.
/// </summary>
public abstract class SyntheticTask(int features, int classes, int[] informative)
{
    public int Features { get; } = features;
    public int Classes { get; } = classes;
    public int[] Informative { get; } = informative;

    public abstract string Kind { get; }

    /// <summary>True when the ground truth uses the closed form rather than finite differences.</summary>
    public virtual bool ClosedFormGroundTruth => false;

    /// <summary>s_c(x) for every class, for one sample.</summary>
    public abstract void Scores(ReadOnlySpan<double> x, Span<double> scores);

    /// <summary>∂s_c/∂x for one sample and class (analytic; used for the closed form and to test finite differences).</summary>
    public abstract void Gradient(ReadOnlySpan<double> x, int c, Span<double> gradient);

    /// <summary>Central finite differences of s_c.</summary>
    public void FiniteDifferenceGradient(ReadOnlySpan<double> x, double step, Span<double> gradient)
    {
        // gradient is laid out [class, feature]
        var point = x.ToArray();
        var up = new double[Classes];
        var down = new double[Classes];
        for (int j = 0; j < Features; j++)
        {
            double keep = point[j];
            point[j] = keep + step;
            Scores(point, up);
            point[j] = keep - step;
            Scores(point, down);
            point[j] = keep;
            for (int c = 0; c < Classes; c++) gradient[c * Features + j] = (up[c] - down[c]) / (2 * step);
        }
    }

    protected static double SignedMagnitude(Random random) => (random.Next(2) == 0 ? -1 : 1) * (0.5 + random.NextDouble());
}
