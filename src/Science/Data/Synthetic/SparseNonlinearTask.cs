namespace Agop.Science.Data.Synthetic;

/// <summary>s_c(x) = Σ_{j∈S} A_cj φ_j(x_j), each informative feature with its own smooth 1-D nonlinearity.</summary>
public sealed class SparseNonlinearTask : SyntheticTask
{
    // sin(1.5x), tanh(2x), x² − 1, smoothed |x| = √(x² + 0.1), cycled over S.
    static readonly Func<double, double>[] Shapes = [x => Math.Sin(1.5 * x), x => Math.Tanh(2 * x), x => x * x - 1, x => Math.Sqrt(x * x + 0.1)];
    static readonly Func<double, double>[] Slopes =
        [x => 1.5 * Math.Cos(1.5 * x), x => 2 / (Math.Cosh(2 * x) * Math.Cosh(2 * x)), x => 2 * x, x => x / Math.Sqrt(x * x + 0.1)];

    readonly double[,] _amplitudes;

    public SparseNonlinearTask(int features, int classes, int[] informative, Random random) : base(features, classes, informative)
    {
        _amplitudes = new double[classes, informative.Length];
        for (int c = 0; c < classes; c++)
            for (int k = 0; k < informative.Length; k++) _amplitudes[c, k] = SignedMagnitude(random);
    }

    public override string Kind => "sparse";

    public override void Scores(ReadOnlySpan<double> x, Span<double> scores)
    {
        for (int c = 0; c < Classes; c++)
        {
            double s = 0;
            for (int k = 0; k < Informative.Length; k++) s += _amplitudes[c, k] * Shapes[k % Shapes.Length](x[Informative[k]]);
            scores[c] = s;
        }
    }

    public override void Gradient(ReadOnlySpan<double> x, int c, Span<double> gradient)
    {
        gradient.Clear();
        for (int k = 0; k < Informative.Length; k++)
            gradient[Informative[k]] = _amplitudes[c, k] * Slopes[k % Slopes.Length](x[Informative[k]]);
    }
}
