namespace Agop.Science.Data.Synthetic;

/// <summary>
/// s_c(x) = Σ_k B_ck x_{S_k} x_{S_(k+1) mod |S|} + 0.2 Σ_k W_ck x_{S_k}: a ring of pairwise products over S
/// with small main effects.
/// </summary>
public sealed class InteractionTask : SyntheticTask
{
    const double MainEffect = 0.2;
    readonly double[,] _pairs;
    readonly double[,] _main;

    public InteractionTask(int features, int classes, int[] informative, Random random) : base(features, classes, informative)
    {
        _pairs = new double[classes, informative.Length];
        _main = new double[classes, informative.Length];
        for (int c = 0; c < classes; c++)
            for (int k = 0; k < informative.Length; k++)
            {
                _pairs[c, k] = SignedMagnitude(random);
                _main[c, k] = MainEffect * SignedMagnitude(random);
            }
    }

    public override string Kind => "interaction";

    public override void Scores(ReadOnlySpan<double> x, Span<double> scores)
    {
        int m = Informative.Length;
        for (int c = 0; c < Classes; c++)
        {
            double s = 0;
            for (int k = 0; k < m; k++)
            {
                double a = x[Informative[k]];
                s += _pairs[c, k] * a * x[Informative[(k + 1) % m]] + _main[c, k] * a;
            }
            scores[c] = s;
        }
    }

    public override void Gradient(ReadOnlySpan<double> x, int c, Span<double> gradient)
    {
        gradient.Clear();
        int m = Informative.Length;
        for (int k = 0; k < m; k++)
        {
            int i = Informative[k], j = Informative[(k + 1) % m];
            gradient[i] += _pairs[c, k] * x[j] + _main[c, k];
            gradient[j] += _pairs[c, k] * x[i];
        }
    }
}
