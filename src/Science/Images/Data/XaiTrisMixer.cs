namespace Agop.Science.Images.Data;

/// <summary>
/// XT's mixing and normalisation (SPEC §10.2 steps 1–5), all norms and the scale taken over the whole dataset array:
/// multiplicative P ← 1 − αP; P̃ = P/‖P‖_F, B̃ = B/‖B‖_F; X = αP̃ + (1−α)B̃ (or P̃ ⊙ B̃); X ← X / max|X|; optionally
/// float16 and back.
/// </summary>
public static class XaiTrisMixer
{
    public sealed record Mixed(float[] X, double PatternNorm, double BackgroundNorm, double Scale);

    /// <param name="patterns">P before step 1; not modified.</param>
    /// <param name="backgrounds">B; overwritten with X (in double precision) to spare a copy at 64×64.</param>
    public static Mixed Mix(double[] patterns, double[] backgrounds, string scenario, double alpha, bool fp16RoundTrip)
    {
        if (patterns.Length != backgrounds.Length) throw new ArgumentException("patterns and backgrounds differ in size");
        bool multiplicative = scenario == XaiTrisCatalog.Multiplicative;

        double patternSquares = 0;
        foreach (double p in patterns)
        {
            double v = multiplicative ? 1.0 - alpha * p : p;
            patternSquares += v * v;
        }
        double backgroundSquares = 0;
        foreach (double b in backgrounds) backgroundSquares += b * b;
        double patternNorm = Math.Sqrt(patternSquares), backgroundNorm = Math.Sqrt(backgroundSquares);
        double patternDivisor = patternNorm == 0 ? 1.0 : patternNorm;
        double backgroundDivisor = backgroundNorm == 0 ? 1.0 : backgroundNorm;

        var x = backgrounds;
        double maxAbs = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double b = x[i] / backgroundDivisor;
            double v = multiplicative
                ? (1.0 - alpha * patterns[i]) / patternDivisor * b
                : alpha * (patterns[i] / patternDivisor) + (1.0 - alpha) * b;
            x[i] = v;
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }

        double scale = maxAbs == 0 ? 1.0 : maxAbs;
        var result = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i] / scale;
            result[i] = fp16RoundTrip ? (float)(Half)v : (float)v;
        }
        return new Mixed(result, patternNorm, backgroundNorm, scale);
    }
}
