using Agop.Science.Data;

namespace Agop.Science.Roar;

/// <summary>ROAR's perturbation: the top ⌈t·d⌉ features of a global ranking replaced by their training mean, in both splits.</summary>
public static class FeatureRemoval
{
    /// <summary>Number of features removed at fraction t: ⌈t·d⌉ (tolerant of t·d landing a hair above an integer).</summary>
    public static int Count(double fraction, int features) => (int)Math.Ceiling(fraction * features - 1e-9);

    /// <summary>Indices of the most important features, most important first; ties broken by the lower index.</summary>
    public static int[] Top(IReadOnlyList<float> importance, double fraction) =>
        Enumerable.Range(0, importance.Count).OrderByDescending(j => importance[j]).ThenBy(j => j)
            .Take(Count(fraction, importance.Count)).ToArray();

    public static TabularData Remove(TabularData data, IReadOnlyCollection<int> features)
    {
        var mean = data.TrainMean();
        var train = (float[])data.TrainX.Clone();
        var test = (float[])data.TestX.Clone();
        int d = data.Features;
        foreach (int j in features)
        {
            for (int i = 0; i < data.TrainCount; i++) train[i * d + j] = mean[j];
            for (int i = 0; i < data.TestCount; i++) test[i * d + j] = mean[j];
        }
        return data with { TrainX = train, TestX = test };
    }
}
