namespace Agop.Report.Claims;

/// <summary>
/// Resampling of seeds with replacement, with a fixed generator so a report is deterministic: each resample draws as many
/// seeds as there are, and a statistic is recomputed on the drawn seeds (a seed drawn twice counts twice).
/// </summary>
public static class SeedBootstrap
{
    public const int Resamples = 2000;
    const int GeneratorSeed = 20261207;

    /// <summary>The statistic on <see cref="Resamples"/> resamples of <paramref name="seeds"/> (one value per resample).</summary>
    public static IReadOnlyList<T> Resample<T>(IReadOnlyList<int> seeds, Func<IReadOnlyList<int>, T> statistic)
    {
        var random = new Random(GeneratorSeed);
        var results = new List<T>(Resamples);
        var drawn = new int[seeds.Count];
        for (int b = 0; b < Resamples; b++)
        {
            for (int i = 0; i < drawn.Length; i++) drawn[i] = seeds[random.Next(seeds.Count)];
            results.Add(statistic(drawn));
        }
        return results;
    }

    /// <summary>The 2.5 % and 97.5 % percentiles of <paramref name="values"/> (NaN dropped).</summary>
    public static (double Low, double High) Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return (double.NaN, double.NaN);
        double At(double q) => sorted[Math.Clamp((int)Math.Floor(q * (sorted.Length - 1) + 0.5), 0, sorted.Length - 1)];
        return (At(0.025), At(0.975));
    }
}
