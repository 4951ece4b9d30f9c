using Agop.Statistics;
using Agop.Science.Attribution;

namespace Agop.Science.Roar;

/// <summary>A global importance per feature: the mean over samples of the normalised attributions |a| / Σ|a|.</summary>
public static class GlobalRanking
{
    public static float[] Importance(float[] attributions, int samples, int features)
    {
        var sum = new double[features];
        for (int i = 0; i < samples; i++)
        {
            var normalised = Normalization.Normalize(attributions.AsSpan(i * features, features));
            for (int j = 0; j < features; j++) sum[j] += normalised[j];
        }
        return sum.Select(s => (float)(s / samples)).ToArray();
    }
}
