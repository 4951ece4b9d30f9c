namespace Agop.Science.Images;

/// <summary>
/// An RGB model's attribution (C×H×W) as one H×W heatmap for the localisation metrics (SPEC §10.8): Σ_c |a_c| per pixel
/// [choice], or max_c |a_c|.
/// </summary>
public static class HeatmapReduction
{
    public const string SumAbs = "sum_abs", MaxAbs = "max_abs";

    public static float[] Reduce(ReadOnlySpan<float> attribution, int channels, int height, int width, string mode = SumAbs)
    {
        int pixels = height * width;
        if (attribution.Length != channels * pixels)
            throw new ArgumentException($"attribution has {attribution.Length} values, expected {channels}×{height}×{width}");
        if (mode is not (SumAbs or MaxAbs)) throw new ArgumentException($"unknown channel reduction '{mode}' (expected {SumAbs} or {MaxAbs})");
        var map = new float[pixels];
        for (int c = 0; c < channels; c++)
            for (int j = 0; j < pixels; j++)
            {
                float v = Math.Abs(attribution[c * pixels + j]);
                map[j] = mode == SumAbs ? map[j] + v : Math.Max(map[j], v);
            }
        return map;
    }
}
