namespace Agop.Science.Attribution;

/// <summary>â = |a| / Σ|a| per sample (non-negative, sums to 1; all zeros stay zeros).</summary>
public static class Normalization
{
    public static float[] Normalize(ReadOnlySpan<float> attribution)
    {
        var output = new float[attribution.Length];
        double total = 0;
        foreach (var v in attribution) total += Math.Abs(v);
        if (total == 0) return output;
        for (int j = 0; j < output.Length; j++) output[j] = (float)(Math.Abs(attribution[j]) / total);
        return output;
    }
}
