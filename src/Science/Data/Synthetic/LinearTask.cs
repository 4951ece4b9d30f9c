namespace Agop.Science.Data.Synthetic;

/// <summary>s_c(x) = Σ_{j∈S} W_cj x_j with |W_cj| ∈ [0.5, 1.5) and random signs.</summary>
public sealed class LinearTask : SyntheticTask
{
    readonly double[,] _weights;

    public LinearTask(int features, int classes, int[] informative, Random random) : base(features, classes, informative)
    {
        _weights = new double[classes, informative.Length];
        for (int c = 0; c < classes; c++)
            for (int k = 0; k < informative.Length; k++) _weights[c, k] = SignedMagnitude(random);
    }

    public override string Kind => "linear";
    public override bool ClosedFormGroundTruth => true;

    public double Weight(int c, int feature) => Array.IndexOf(Informative, feature) is int k and >= 0 ? _weights[c, k] : 0;

    public override void Scores(ReadOnlySpan<double> x, Span<double> scores)
    {
        for (int c = 0; c < Classes; c++)
        {
            double s = 0;
            for (int k = 0; k < Informative.Length; k++) s += _weights[c, k] * x[Informative[k]];
            scores[c] = s;
        }
    }

    public override void Gradient(ReadOnlySpan<double> x, int c, Span<double> gradient)
    {
        gradient.Clear();
        for (int k = 0; k < Informative.Length; k++) gradient[Informative[k]] = _weights[c, k];
    }
}
